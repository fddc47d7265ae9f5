#include "invariantbreaks.h"

#include "script/jscheck.h"

#include <QSet>

namespace eventscope::compensation {

std::vector<InvariantBreak> invariantBreaks(replay::ReplayEngine& engine, replay::Checks& checks,
                                            const replay::Cancel& cancel)
{
    std::vector<InvariantBreak> breaks;
    std::vector<QSet<QString>> violated(checks.size()); // per check, the partitions now violated
    replay::Projection& projection = engine.projection();
    const bool partitioned = projection.partitioning() != replay::Partitioning::None;
    const replay::AfterEvent after = [&](const Event& event, const QString& partition, bool changed) {
        if (!changed)
            return true; // no state changed, so no invariant changed its mind
        std::optional<json::Value> state;
        const auto stateNow = [&] {
            if (!state)
                state = partitioned ? projection.partition(partition) : projection.capture().global;
            return *state;
        };
        for (std::size_t i = 0; i < checks.size(); ++i) {
            replay::Check& check = *checks[i];
            if (check.kind() != replay::Check::Kind::Invariant)
                continue;
            const bool fires = script::firesAfterFold(check, projection, event, changed, stateNow);
            if (fires && !violated[i].contains(partition)) {
                violated[i].insert(partition);
                breaks.push_back({check.name(), partition, event});
            } else if (!fires) {
                violated[i].remove(partition);
            }
        }
        return true;
    };
    engine.scan(1, engine.store().count(), after, cancel);
    return breaks;
}

} // namespace eventscope::compensation
