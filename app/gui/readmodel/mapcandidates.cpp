#include "mapcandidates.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace eventscope::gui {
namespace {

constexpr std::size_t alikeSample = 32; // rows looked at to tell records from a bag of unlike objects

// Whether the object rows of a map share a field: some field is in more than half of them.
bool rowsAlike(const json::Value& map)
{
    std::unordered_map<std::string_view, std::size_t> fieldCounts;
    std::size_t rows = 0;
    for (std::size_t i = 0; i < map.size() && rows < alikeSample; ++i) {
        const json::Value& row = map.isArray() ? map.at(i) : map.valueAt(i);
        if (!row.isObject())
            continue;
        ++rows;
        for (std::size_t f = 0; f < row.size(); ++f)
            ++fieldCounts[row.keyAt(f)];
    }
    return std::any_of(fieldCounts.begin(), fieldCounts.end(),
                       [rows](const auto& entry) { return entry.second * 2 > rows; });
}

} // namespace

bool isMapShaped(const json::Value& value, bool* ofObjects)
{
    if (value.size() == 0 || !(value.isObject() || value.isArray()))
        return false;
    bool objects = false;
    bool scalars = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const json::Value& member = value.isArray() ? value.at(i) : value.valueAt(i);
        if (member.isNull())
            continue;
        if (member.isObject())
            objects = true;
        else if (member.isArray() || value.isArray()) // an array is a table only of objects
            return false;
        else
            scalars = true;
        if (objects && scalars)
            return false;
    }
    if (!objects && !scalars) // nothing but nulls
        return false;
    if (ofObjects)
        *ofObjects = objects;
    return true;
}

std::vector<MapCandidate> findMapCandidates(const json::Value& state, int maxDepth, std::size_t maxCandidates,
                                            std::size_t visitBudget)
{
    std::vector<MapCandidate> found;
    struct Pending
    {
        const json::Value* value;
        json::Path path;
    };
    std::vector<Pending> level{{&state, {}}};
    std::size_t visited = 0;
    for (int depth = 0; depth <= maxDepth && !level.empty(); ++depth) {
        std::vector<Pending> next;
        for (Pending& pending : level) {
            if (++visited > visitBudget)
                break;
            const json::Value& value = *pending.value;
            bool ofObjects = false;
            if (isMapShaped(value, &ofObjects)) {
                if (!ofObjects || value.isArray()) {
                    found.push_back({pending.path, value.size(), ofObjects});
                    continue;
                }
                const bool oneRow = value.size() == 1;
                const bool records = !oneRow && rowsAlike(value);
                if (oneRow || records)
                    found.push_back({pending.path, value.size(), ofObjects});
                if (records)
                    continue; // its rows are records, not places of their own
            }
            if (!value.isObject())
                continue;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const json::Value& member = value.valueAt(i);
                if (member.isObject() || member.isArray()) {
                    json::Path path = pending.path;
                    path.emplace_back().step.emplace<std::string>(value.keyAt(i));
                    next.push_back({&member, std::move(path)});
                }
            }
        }
        level = std::move(next);
    }
    std::stable_sort(found.begin(), found.end(), [](const MapCandidate& a, const MapCandidate& b) {
        if (a.rows != b.rows)
            return a.rows > b.rows;
        return a.path.size() < b.path.size();
    });
    if (found.size() > maxCandidates)
        found.resize(maxCandidates);
    return found;
}

} // namespace eventscope::gui
