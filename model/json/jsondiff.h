#pragma once

#include "jsonpath.h"
#include "jsonvalue.h"

#include <vector>

namespace eventscope::json {

struct DiffEntry
{
    enum class Kind
    {
        Added,   // present in `after` only: `before` is null
        Removed, // present in `before` only: `after` is null
        Changed  // present in both with different values (including a change of type)
    };
    Kind kind = Kind::Changed;
    Path path;
    Value before;
    Value after;
};

// A structured diff from `before` to `after`, at the deepest level where both sides are the same
// kind of container: objects member by member, arrays element by element (index by index; extra
// elements are Added or Removed). A change of type (object -> number, array -> object, ...) is one
// Changed entry holding both whole values. Entries come in a stable order: depth-first, object
// members by key (byte order), array elements by index. Subtrees shared between the two values
// (Value::sharesWith) are skipped without being walked, so diffing two snapshots costs only what
// changed between them.
std::vector<DiffEntry> diff(const Value& before, const Value& after);

// True when `a` and `b` differ at or under `path` (a change of an ancestor counts).
bool changedAt(const Value& a, const Value& b, const Path& path);

// {"added":[{"path":..,"value":..}], "removed":[{"path":..,"value":..}],
// "changed":[{"path":..,"before":..,"after":..}]}
Value diffToJson(const std::vector<DiffEntry>& entries);

} // namespace eventscope::json
