#pragma once

#include "jsonvalue.h"

#include <QString>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace eventscope::json {

// A location inside a JSON value: member names and array indexes from the root.
struct PathSegment
{
    std::variant<std::string, std::size_t> step; // member name or array index
    bool operator==(const PathSegment&) const = default;
};
using Path = std::vector<PathSegment>;

// Parses the path syntax users type and the CLI prints, JavaScript-like:
//   stock["sku-7"].qty   stock['sku-7']   items[0].price   $counts.OrderPlaced   (empty = root)
// A leading "$." or "state." is not special: it is a member name. Returns nullopt and a message
// naming the offending character on error.
std::optional<Path> parsePath(const QString& text, QString* error = nullptr);

// The same syntax back: identifiers as .name, other keys as ["key"] (JSON-escaped), indexes as [n].
// The root is "" (empty).
QString formatPath(const Path& path);

// The value at `path`, or nullptr when any step is missing.
const Value* lookup(const Value& root, const Path& path);

} // namespace eventscope::json
