#pragma once

#include "eventstore.h"
#include "pgconnection.h"
#include "pglayout.h"
#include "pgstoreindex.h"
#include "sourceurl.h"

#include <memory>

namespace eventscope {
class Workspace;
}

namespace eventscope::importers::live {

// A PostgreSQL store (Message DB, Marten, a mapped table) read in place, for stores too big to
// copy: windows by position, one stream's history through the store's stream index, ids through
// its id index, the timeline's density from a sample of times refined by aggregation on the
// server. Positions are gap-free over the store's own position column (PgStoreIndex). Assumes, as
// a store's write time does, that time grows with position: a time is found by a binary search
// over positions. Filters with payload conditions are evaluated here over windows of rows, so
// they read the whole range they cover. One instance per thread (its own connection); throws
// LiveError when the server cannot be read.
class PgEventStore final : public EventStore
{
public:
    // `workspace` (the attached workspace, this thread's connection) keeps the position map.
    PgEventStore(const SourceUrl& url, Workspace* workspace);

    QString label() const { return m_label; }
    // Connects again (after the server went away); throws LiveError when it cannot.
    void reconnect();

    qint64 count() override;
    std::optional<TimeRange> timeRange() override;
    std::vector<Event> window(qint64 firstPosition, qint64 count) override;
    std::vector<Event> streamHistory(const QString& stream,
                                     qint64 upToPosition = std::numeric_limits<qint64>::max()) override;
    qint64 positionAtTime(qint64 timeUs) override;
    std::optional<qint64> timeAtPosition(qint64 position) override;
    std::vector<qint64> density(qint64 fromUs, qint64 toUs, int bins) override;
    std::vector<qint64> filteredPositions(const EventSelection& selection) override;
    std::vector<qint64> matchingPositions(const filter::Filter& filter, qint64 fromPosition = 0,
                                          qint64 toPosition = 0,
                                          const std::function<bool()>& cancelled = {}) override;
    std::vector<qint64> timesAtPositions(const std::vector<qint64>& positions) override;
    void forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor) override;
    std::vector<StreamSummary> streams() override;
    qint64 streamCount() override;
    std::vector<TypeCount> types() override;
    std::optional<qint64> positionOfId(const QString& id) override;
    std::vector<qint64> correlatedPositions(const QString& correlationId, qint64 limit) override;
    std::vector<TypeCount> streamTypeCounts(const QString& stream) override;

    // Below this many events a density is aggregated on the server exactly; above, from samples
    // (tests lower it to see the samples at work on a small store).
    void setExactDensityLimit(qint64 events) { m_exactDensityLimit = events; }

private:
    using State = PgStoreIndex::State;
    std::shared_ptr<const State> current();
    // Rows of selectSql() with a condition, in `order`, converted to events with our positions.
    std::vector<Event> events(const std::string& condition, const std::vector<QByteArray>& parameters,
                              const std::string& order, const State& state);
    // The WHERE of a selection over the mapped positions (time bounds become positions).
    std::string selectionCondition(const EventSelection& selection, std::vector<QByteArray>& parameters,
                                   const State& state);
    std::string mappedRange(std::vector<QByteArray>& parameters, const State& state) const;
    qint64 positionAtTime(qint64 timeUs, const State& state);
    std::vector<qint64> positionsOf(const PgResult& rows, const State& state) const;
    std::optional<Event> toEvent(const PgResult& rows, int row, const State& state) const;

    SourceUrl m_url;
    std::unique_ptr<PgLayout> m_layout;
    PgConnection m_db;
    Workspace* m_workspace;
    std::shared_ptr<PgStoreIndex> m_index;
    QString m_label;
    qint64 m_exactDensityLimit = 200000;
};

} // namespace eventscope::importers::live
