#pragma once

#include "adaptivepoll.h"
#include "livesource.h"
#include "pgconnection.h"
#include "pgsnapshot.h"
#include "sourceurl.h"

#include <atomic>

namespace eventscope::importers::live {

// Message DB (message_store.messages) on PostgreSQL, read by global_position and followed by
// polling the newest position at an adaptive interval. Never skips a committed message: a read
// stops at a global_position that is missing (its transaction may still commit) until the gap is
// known to stay (GapWatch). Mapped as: stream = stream_name, version = position (0-based, as
// Message DB counts), type, time (UTC), data, metadata, id. With category=C only the streams of
// that category (stream_name up to the first '-') are appended.
class MessageDbSource : public LiveSource
{
public:
    explicit MessageDbSource(SourceUrl url, AdaptivePoll poll = AdaptivePoll(std::chrono::milliseconds(20),
                                                                             std::chrono::milliseconds(250)));

    QString url() const override { return m_url.canonical(); }
    QString label() const override;
    QString kind() const override { return QStringLiteral("postgresql/messagedb"); }

    void connect() override;
    void disconnect() override;
    LiveBatch read(qint64 afterPosition, int maxEvents) override;
    qint64 headPosition() override;
    bool waitForChange(std::chrono::milliseconds timeout, StopSignal& stop) override;

    qint64 pollCount() const { return m_polls.load(std::memory_order_relaxed); }

private:
    SourceUrl m_url;
    AdaptivePoll m_poll;
    PgConnection m_conn;
    GapWatch m_gaps;
    QString m_category;
    qint64 m_seenHead = 0;
    std::atomic<qint64> m_polls{0};
};

} // namespace eventscope::importers::live
