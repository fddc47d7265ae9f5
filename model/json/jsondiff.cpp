#include "jsondiff.h"

#include <algorithm>

namespace eventscope::json {

namespace {

// The value of `object`'s member `key`, looked up first at `position`: two versions of one object
// usually keep their members in the same order, and a direct hit needs no hashing.
const Value* memberNear(const Value& object, std::string_view key, std::size_t position)
{
    if (position < object.size() && object.keyAt(position) == key)
        return &object.valueAt(position);
    return object.find(key);
}

class Differ
{
public:
    explicit Differ(std::vector<DiffEntry>& out) : m_out(out) {}

    void walk(const Value& before, const Value& after)
    {
        if (before.sharesWith(after))
            return;
        if (before.isObject() && after.isObject()) {
            objects(before, after);
        } else if (before.isArray() && after.isArray()) {
            arrays(before, after);
        } else if (!(before == after)) {
            add(DiffEntry::Kind::Changed, before, after);
        }
    }

private:
    struct Step
    {
        std::string_view key;
        const Value* before; // null: added
        const Value* after;  // null: removed
    };

    void objects(const Value& before, const Value& after)
    {
        // Only members that are not shared are collected and sorted, so a large object with a few
        // changes costs one pass plus a sort of the changes.
        std::vector<Step> steps;
        for (std::size_t i = 0; i < after.size(); ++i) {
            const std::string_view key = after.keyAt(i);
            const Value& now = after.valueAt(i);
            const Value* was = memberNear(before, key, i);
            if (!was || !was->sharesWith(now))
                steps.push_back(Step{key, was, &now});
        }
        for (std::size_t i = 0; i < before.size(); ++i) {
            const std::string_view key = before.keyAt(i);
            if (!memberNear(after, key, i))
                steps.push_back(Step{key, &before.valueAt(i), nullptr});
        }
        std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.key < b.key; });
        for (const Step& step : steps) {
            m_path.emplace_back().step.emplace<std::string>(step.key);
            if (!step.before)
                add(DiffEntry::Kind::Added, Value(), *step.after);
            else if (!step.after)
                add(DiffEntry::Kind::Removed, *step.before, Value());
            else
                walk(*step.before, *step.after);
            m_path.pop_back();
        }
    }

    void arrays(const Value& before, const Value& after)
    {
        const std::size_t common = std::min(before.size(), after.size());
        for (std::size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
            m_path.emplace_back().step.emplace<std::size_t>(i);
            if (i < common)
                walk(before.at(i), after.at(i));
            else if (i < before.size())
                add(DiffEntry::Kind::Removed, before.at(i), Value());
            else
                add(DiffEntry::Kind::Added, Value(), after.at(i));
            m_path.pop_back();
        }
    }

    void add(DiffEntry::Kind kind, const Value& before, const Value& after)
    {
        m_out.push_back(DiffEntry{kind, m_path, before, after});
    }

    std::vector<DiffEntry>& m_out;
    Path m_path;
};

} // namespace

std::vector<DiffEntry> diff(const Value& before, const Value& after)
{
    std::vector<DiffEntry> entries;
    Differ(entries).walk(before, after);
    return entries;
}

// True exactly when diff(a, b) has an entry at `path`, above it or below it, found without
// computing the diff: walk both values down the path.
bool changedAt(const Value& a, const Value& b, const Path& path)
{
    const Value* left = &a;
    const Value* right = &b;
    for (const PathSegment& segment : path) {
        if (left->sharesWith(*right))
            return false;
        const Value* nextLeft = nullptr;
        const Value* nextRight = nullptr;
        if (const auto* index = std::get_if<std::size_t>(&segment.step)) {
            if (!left->isArray() || !right->isArray()) {
                // Not two arrays: diff compares them whole (a Changed entry above the path) unless
                // they are two objects, which have no elements.
                return !(left->isObject() && right->isObject()) && !(*left == *right);
            }
            if (*index < left->size())
                nextLeft = &left->at(*index);
            if (*index < right->size())
                nextRight = &right->at(*index);
        } else {
            if (!left->isObject() || !right->isObject())
                return !(left->isArray() && right->isArray()) && !(*left == *right);
            const std::string& key = std::get<std::string>(segment.step);
            nextLeft = left->find(key);
            nextRight = right->find(key);
        }
        if (!nextLeft || !nextRight)
            return nextLeft != nextRight; // added or removed here; absent from both is no change
        left = nextLeft;
        right = nextRight;
    }
    return !(*left == *right);
}

Value diffToJson(const std::vector<DiffEntry>& entries)
{
    Value added = Value::array();
    Value removed = Value::array();
    Value changed = Value::array();
    for (const DiffEntry& entry : entries) {
        Value item = Value::object();
        item.insert("path", Value(formatPath(entry.path)));
        switch (entry.kind) {
        case DiffEntry::Kind::Added:
            item.insert("value", entry.after);
            added.append(std::move(item));
            break;
        case DiffEntry::Kind::Removed:
            item.insert("value", entry.before);
            removed.append(std::move(item));
            break;
        case DiffEntry::Kind::Changed:
            item.insert("before", entry.before);
            item.insert("after", entry.after);
            changed.append(std::move(item));
            break;
        }
    }
    Value result = Value::object();
    result.insert("added", std::move(added));
    result.insert("removed", std::move(removed));
    result.insert("changed", std::move(changed));
    return result;
}

} // namespace eventscope::json
