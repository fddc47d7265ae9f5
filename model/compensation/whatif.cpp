#include "whatif.h"

#include "branchstore.h"
#include "eventstore.h"

#include <QDateTime>

namespace eventscope::compensation {
namespace {

// The partitions whose state violates `check`; `previous` holds the answers for the other end of
// the comparison, reused for partitions whose state is the very same value there.
QStringList violations(replay::Check& check, const Event& event, const replay::ProjectionState& state,
                       replay::Partitioning partitioning, const replay::ProjectionState* previous,
                       const QStringList* previousViolations)
{
    QStringList violated;
    if (partitioning == replay::Partitioning::None) {
        if (check.fires(event, state.global))
            violated << QString();
        return violated;
    }
    const json::Value& partitions = state.partitions;
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        const std::string_view key = partitions.keyAt(i);
        const json::Value& value = partitions.valueAt(i);
        const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
        if (previous && previousViolations) {
            const json::Value* before = previous->partitions.find(key);
            if (before && before->sharesWith(value)) {
                if (previousViolations->contains(name))
                    violated << name;
                continue;
            }
        }
        if (check.fires(event, value))
            violated << name;
    }
    return violated;
}

} // namespace

QStringList InvariantOutcome::fixed() const
{
    QStringList keys;
    for (const QString& key : violatedActual) {
        if (!violatedCorrected.contains(key))
            keys << key;
    }
    return keys;
}

QStringList InvariantOutcome::broken() const
{
    QStringList keys;
    for (const QString& key : violatedCorrected) {
        if (!violatedActual.contains(key))
            keys << key;
    }
    return keys;
}

qint64 draftTime(EventStore& store)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    const auto range = store.timeRange();
    return range ? std::max(now, range->lastUs + 1) : now;
}

WhatIfResult whatIf(EventStore& store, const std::vector<Draft>& drafts, replay::Projection& projection,
                    replay::Upcaster* upcaster, replay::Checks& checks, const QString& partition,
                    const replay::Cancel& cancel)
{
    WhatIfResult result;
    result.partition = partition;
    BranchStore branch(store, eventsForDrafts(drafts, draftTime(store)));
    result.actualPosition = branch.baseCount();
    result.correctedPosition = branch.count();
    result.draftEvents = branch.extraEvents();

    replay::ReplayEngine engine(branch, projection, upcaster);
    engine.seek(result.actualPosition, cancel);
    const replay::ProjectionState actual = projection.capture();
    engine.seek(result.correctedPosition, cancel);
    const replay::ProjectionState corrected = projection.capture();

    const replay::Partitioning partitioning = projection.partitioning();
    if (partition.isEmpty() || partitioning == replay::Partitioning::None) {
        result.actual = projection.present(actual.whole(partitioning));
        result.corrected = projection.present(corrected.whole(partitioning));
    } else {
        const QByteArray key = partition.toUtf8();
        const std::string_view k(key.constData(), std::size_t(key.size()));
        result.actual = projection.presentPartition(actual.partitions[k]);
        result.corrected = projection.presentPartition(corrected.partitions[k]);
    }
    result.diff = json::diff(result.actual, result.corrected);

    const std::optional<Event> lastActual = branch.eventAt(result.actualPosition);
    const std::optional<Event> lastCorrected = branch.eventAt(result.correctedPosition);
    for (const auto& check : checks) {
        if (check->kind() != replay::Check::Kind::Invariant)
            continue;
        InvariantOutcome outcome;
        outcome.name = check->name();
        outcome.violatedActual =
            violations(*check, lastActual.value_or(Event{}), actual, partitioning, nullptr, nullptr);
        outcome.violatedCorrected = violations(*check, lastCorrected.value_or(Event{}), corrected,
                                               partitioning, &actual, &outcome.violatedActual);
        result.invariants.push_back(std::move(outcome));
    }
    return result;
}

} // namespace eventscope::compensation
