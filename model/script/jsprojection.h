#pragma once

#include "eventbatch.h"
#include "replay/projection.h"
#include "scriptprogram.h"

#include <QHash>
#include <QJSValue>
#include <QStringList>

#include <memory>
#include <vector>

namespace eventscope::script {

class ScriptHost;

// A KurrentDB-style projection script folding events in its program's engine (make one with
// ScriptProgram::createProjection(); same thread rules).
//
// apply() writes the events a script can see (its source, and a handler for the type or $any:
// decided here, so the rest cost nothing in JS) into one EventBatch and folds it in one call, the
// handler and (per stream) the partition of each event already resolved to indices; the states
// stay JS objects inside the engine, one per partition. Only when an AfterEvent is given does it
// return to C++ after every event ("step mode", about 2 µs more per event).
//
// capture() turns into json::Value only the states changed since the last capture (read property
// by property, see jsvalueconvert.h) and keeps the converted values, so unchanged partitions stay
// shared with earlier snapshots. restore() is lazy: it keeps the snapshot's values, and a partition
// becomes a JS object again only when an event touches it; partition() of an untouched one reads
// the kept value without entering the engine.
//
// When folding fails, the events before the failing one stay folded, and so do the changes its
// handler made before it threw.
//
// Bi-state projections ($initShared): handlers get [state, sharedState] as KurrentDB passes them.
// Partitioned, the shared state is ProjectionState::global; unpartitioned, global is the array
// [state, sharedState].
class JsProjection final : public replay::Projection
{
public:
    explicit JsProjection(std::shared_ptr<ScriptProgram> program);
    ~JsProjection() override;

    QString name() const override { return m_program->fileName(); }
    replay::ProjectionSource source() const override { return m_program->definition().source; }
    replay::Partitioning partitioning() const override { return m_program->definition().partitioning; }

    void reset() override;
    qsizetype apply(std::span<const Event> events, const replay::AfterEvent& after = {}) override;
    replay::ProjectionState capture() override;
    void restore(const replay::ProjectionState& state) override;
    // Unpartitioned: the whole state, whatever the key.
    json::Value partition(const QString& key) override;
    json::Value foldPartition(const QString& key, std::span<const Event> events) override;

    // transformBy/filterBy applied (identity without them). For a partitioned projection, present()
    // takes the object of partitions capture() returned (ProjectionState::whole(), recognised by its
    // shared node) and presents each partition, leaving out those filterBy rejects; any other value
    // it takes as one partition's state, as presentPartition() always does.
    json::Value present(const json::Value& state) override;
    json::Value presentPartition(const json::Value& state);

    // Whether the script sees `event` at all: its source accepts the stream and it has a handler for
    // the type or $any. (A fromStreamsMatching filter and partitionBy are asked in JS.)
    bool wants(const Event& event) const { return handlerOf(event) != noHandler; }

    // How many states the engine asked back from a restored snapshot since the last restore() or
    // reset(): the partitions that became JS objects again (diagnostics; the tests check laziness).
    qsizetype restoredLookups() const { return m_restoredLookups; }

    // For JsCheck's evaluation on the live state.
    ScriptProgram& program() const { return *m_program; }
    const QJSValue& store() const { return m_store; }

private:
    static constexpr int noHandler = -2; // handlerOf(): the event does not reach the script

    // The index of the event's handler in runtime.js's list, -1 for $any, or noHandler.
    int handlerOf(const Event& event) const;
    // The slot runtime.js keeps a stream's state in (per-stream projections; numbered here).
    int streamSlot(const QString& stream);
    // Writes the events the script sees into `batch`, and their indices in `events` into `sent`.
    void write(std::span<const Event> events, EventBatch& batch, std::vector<qsizetype>& sent);
    // The key of a slot runtime.js returned (a stream's slot, or a partitionBy key as is).
    QString keyOf(const QJSValue& slotOrKey) const;
    void sync();
    // The state in a runtime.js result of [state] (null: none).
    json::Value first(const QJSValue& wrapped, const QString& activity) const;
    QJSValue restoredState(int which, const QString& key) const;
    // The error with the position of the event the store was folding.
    static replay::ProjectionError at(replay::ProjectionError error, const QJSValue& store,
                                      const std::vector<qsizetype>& sent, std::span<const Event> events);

    std::shared_ptr<ScriptProgram> m_program; // first: the engine outlives every QJSValue below
    bool m_partitioned;
    bool m_byStream;
    bool m_filtersSource;
    QHash<QString, int> m_handlers;    // event type -> its handler's index in runtime.js
    QHash<QString, int> m_streamSlots; // per-stream projections: stream -> slot, kept across resets
    QStringList m_streamKeys;          // and back
    QStringList m_keys;                // partitionBy: slot -> key, as runtime.js numbered them
    std::unique_ptr<ScriptHost> m_host;
    QJSValue m_store;   // the live states
    QJSValue m_scratch; // foldPartition()'s
    EventBatch m_batch;
    std::vector<qsizetype> m_sent; // indices into apply()'s span of the events in m_batch
    // foldPartition()'s own, as an AfterEvent may call it in the middle of apply().
    EventBatch m_scratchBatch;
    std::vector<qsizetype> m_scratchSent;
    json::Value m_partitions = json::Value::object(); // each partition as last exported or restored
    json::Value m_global;                             // the unpartitioned state, likewise
    json::Value m_shared;                             // the shared state, likewise
    mutable qsizetype m_restoredLookups = 0;
};

} // namespace eventscope::script
