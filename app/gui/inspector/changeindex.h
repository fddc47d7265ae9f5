#pragma once

#include "json/jsondiff.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace eventscope::gui {

// A step's diff entries arranged by path, so that a tree row finds its change with one map lookup
// per level instead of a scan of the whole step, and a container knows which of its members were
// removed (its ghost rows) without looking at the others.
class ChangeIndex
{
public:
    struct Node
    {
        const json::DiffEntry* entry = nullptr; // the change at exactly this path, if any
        std::map<std::string, std::unique_ptr<Node>, std::less<>> members;
        std::map<std::size_t, std::unique_ptr<Node>> elements;
        std::vector<const json::DiffEntry*> removed; // Removed entries one level below, in diff order

        const Node* member(std::string_view key) const;
        const Node* element(std::size_t index) const;
        const Node* child(const json::PathSegment& segment) const;
        // True when the entry here brings a whole new subtree (added, or a container replacing a value
        // of another type): everything below it is new too.
        bool replacesSubtree() const;
    };

    ChangeIndex() = default;
    explicit ChangeIndex(std::vector<json::DiffEntry> entries);

    // nullptr when the step changed nothing.
    const Node* root() const { return m_root.get(); }
    const std::vector<json::DiffEntry>& entries() const { return m_entries; }

private:
    std::vector<json::DiffEntry> m_entries; // the Node pointers point into this; it never changes
    std::unique_ptr<Node> m_root;
};

} // namespace eventscope::gui
