#pragma once

#include "eventstore.h"
#include "workspace.h"

#include <QHash>

namespace eventscope {

namespace filter {
struct SqlCondition;
}

// EventStore over an embedded workspace. Keeps the time column in memory (8 bytes an event) so
// that density and time lookups never scan the table per repaint; reloads it when another
// connection has committed (PRAGMA data_version).
class WorkspaceStore final : public EventStore
{
public:
    explicit WorkspaceStore(Workspace& workspace);

    qint64 count() override;
    std::optional<TimeRange> timeRange() override;
    std::vector<Event> window(qint64 firstPosition, qint64 count) override;
    std::vector<Event> streamHistory(const QString& stream,
                                     qint64 upToPosition = std::numeric_limits<qint64>::max()) override;
    qint64 positionAtTime(qint64 timeUs) override;
    std::optional<qint64> timeAtPosition(qint64 position) override;
    std::vector<qint64> density(qint64 fromUs, qint64 toUs, int bins) override;
    std::vector<qint64> filteredPositions(const EventSelection& selection) override;
    std::vector<qint64> matchingPositions(const filter::Filter& filter, qint64 fromPosition = 0, qint64 toPosition = 0,
                                          const std::function<bool()>& cancelled = {}) override;
    std::vector<qint64> timesAtPositions(const std::vector<qint64>& positions) override;
    void forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor) override;
    std::vector<StreamSummary> streams() override;
    qint64 streamCount() override;
    std::vector<TypeCount> types() override;
    std::optional<qint64> positionOfId(const QString& id) override;
    std::vector<qint64> correlatedPositions(const QString& correlationId, qint64 limit) override;
    std::vector<TypeCount> streamTypeCounts(const QString& stream) override;

private:
    void refreshIfChanged();
    std::vector<qint64> runFilter(const filter::SqlCondition& condition, qint64 fromPosition, qint64 toPosition,
                                  const std::function<bool()>& cancelled);
    Event readEvent(const sqlite::Statement& q);
    static const QString& nameOf(QHash<qint64, QString>& cache, sqlite::Statement& lookup, qint64 id);
    QString importLabel(qint64 importId);

    sqlite::Database& m_db;
    sqlite::Statement m_dataVersion;
    sqlite::Statement m_window;
    sqlite::Statement m_streamName;
    sqlite::Statement m_typeName;
    QHash<qint64, QString> m_streamNames; // names never change once assigned an id
    QHash<qint64, QString> m_typeNames;
    qint64 m_lastDataVersion = -1;
    std::vector<qint64> m_times;       // time of position p at index p - 1
    std::vector<qint64> m_sortedTimes; // the same, sorted (positions may be in source order)
    bool m_timesMonotonic = true;
    QHash<qint64, QString> m_importLabels;
    bool m_filterFunctionsAdded = false; // regexp() for filters, added on first use
    bool m_payloadsNotAllJson = false;   // a filter met a payload that is not JSON
};

} // namespace eventscope
