#pragma once

#include "pgeventstore.h"

namespace eventscope::importers::live {

// An attached store as the views see it: a server can go away while a view paints, and a view
// cannot handle a failure mid-paint. A failed call reconnects and tries once more; when that fails
// too it answers as an empty store would and keeps the reason (lastError()), so nothing crashes
// and the next call tries the server again.
class GuardedStore final : public EventStore
{
public:
    explicit GuardedStore(std::unique_ptr<PgEventStore> store) : m_store(std::move(store)) {}

    QString lastError() const { return m_lastError; }

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

private:
    template <typename Result, typename Call> Result guarded(Result fallback, Call call);

    std::unique_ptr<PgEventStore> m_store;
    QString m_lastError;
};

} // namespace eventscope::importers::live
