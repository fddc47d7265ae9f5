#pragma once

#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <vector>

namespace eventscope::gui {

// A place in a state that reads as a table: an object whose members are all objects (stock per sku,
// open orders by id) or all scalars (a count per type), or an array of objects (revenue per day).
// Nulls among the members do not spoil it.
struct MapCandidate
{
    json::Path path;
    std::size_t rows = 0;
    bool ofObjects = false; // rows have fields of their own
};

// Whether `value` is shaped like that; `ofObjects` tells which kind.
bool isMapShaped(const json::Value& value, bool* ofObjects = nullptr);

// The map-shaped places in a state, largest first (ties: the shallower first). A map of objects whose
// rows look alike (some field is in most of them) is a table of records and is not looked into: its
// rows' own maps, such as each order's lines, are not read models of the state. Objects of unlike
// objects ({"stock": {...}, "orders": {...}}) are not tables but are looked into, and so is a map of
// one row, which could be either. The walk stops at maxDepth levels and visitBudget containers, so
// that a state of a million members costs what that budget allows.
std::vector<MapCandidate> findMapCandidates(const json::Value& state, int maxDepth = 6,
                                            std::size_t maxCandidates = 40, std::size_t visitBudget = 2000);

} // namespace eventscope::gui
