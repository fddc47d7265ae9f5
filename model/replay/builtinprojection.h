#pragma once

#include "projection.h"

namespace eventscope::replay {

// The aggregate projection that needs no code: per stream, each event's data deep-merged into the
// previous state (objects merged, arrays and scalars replaced, null deletes), plus bookkeeping:
// `$version` (the stream version), `$lastType`, `$lastPosition` and `$counts` (events by type).
// A payload that is not a JSON object is kept whole under `$value`; one that is not JSON at all
// (a binary payload without a decoded view) only updates the bookkeeping.
class BuiltinProjection final : public Projection
{
public:
    static QString projectionName() { return QStringLiteral("builtin"); }

    QString name() const override { return projectionName(); }
    ProjectionSource source() const override { return {}; }
    Partitioning partitioning() const override { return Partitioning::ByStream; }

    void reset() override;
    qsizetype apply(std::span<const Event> events, const AfterEvent& after = {}) override;
    ProjectionState capture() override;
    void restore(const ProjectionState& state) override;
    json::Value partition(const QString& key) override;
    json::Value foldPartition(const QString& key, std::span<const Event> events) override;

    // One event folded into one stream's state.
    static void fold(json::Value& state, const Event& event);

private:
    json::Value m_streams = json::Value::object(); // stream -> state
};

} // namespace eventscope::replay
