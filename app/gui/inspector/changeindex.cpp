#include "changeindex.h"

namespace eventscope::gui {

const ChangeIndex::Node* ChangeIndex::Node::member(std::string_view key) const
{
    const auto it = members.find(key);
    return it == members.end() ? nullptr : it->second.get();
}

const ChangeIndex::Node* ChangeIndex::Node::element(std::size_t index) const
{
    const auto it = elements.find(index);
    return it == elements.end() ? nullptr : it->second.get();
}

const ChangeIndex::Node* ChangeIndex::Node::child(const json::PathSegment& segment) const
{
    if (const auto* index = std::get_if<std::size_t>(&segment.step))
        return element(*index);
    return member(std::get<std::string>(segment.step));
}

bool ChangeIndex::Node::replacesSubtree() const
{
    if (!entry)
        return false;
    if (entry->kind == json::DiffEntry::Kind::Added)
        return true;
    // diff() descends into two containers of the same kind, so a Changed entry holding a container
    // is a change of type: nothing below it was there before.
    return entry->kind == json::DiffEntry::Kind::Changed &&
           (entry->after.isObject() || entry->after.isArray());
}

ChangeIndex::ChangeIndex(std::vector<json::DiffEntry> entries) : m_entries(std::move(entries))
{
    if (m_entries.empty())
        return;
    m_root = std::make_unique<Node>();
    for (const json::DiffEntry& entry : m_entries) {
        Node* node = m_root.get();
        Node* parent = nullptr;
        for (const json::PathSegment& segment : entry.path) {
            std::unique_ptr<Node>* slot = nullptr;
            if (const auto* index = std::get_if<std::size_t>(&segment.step))
                slot = &node->elements[*index];
            else
                slot = &node->members[std::get<std::string>(segment.step)];
            if (!*slot)
                *slot = std::make_unique<Node>();
            parent = node;
            node = slot->get();
        }
        node->entry = &entry;
        if (entry.kind == json::DiffEntry::Kind::Removed && parent)
            parent->removed.push_back(&entry);
    }
}

} // namespace eventscope::gui
