#pragma once

#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QString>

#include <vector>

namespace eventscope::gui {

struct JsonSearchResult
{
    std::vector<json::Path> matches; // in tree order: depth first, members in order, elements by index
    bool complete = true;            // false: stopped at maxMatches or at the visit budget
};

// Paths whose member name or scalar value contains `needle` (case-insensitive; numbers as JSON
// writes them, so "129.5" finds 129.5). Runs on the GUI thread as the user types, so it is bounded:
// it stops after maxMatches matches or after visiting `budget` values.
JsonSearchResult searchJson(const json::Value& root, const QString& needle, std::size_t maxMatches = 500,
                            std::size_t budget = 1'000'000);

} // namespace eventscope::gui
