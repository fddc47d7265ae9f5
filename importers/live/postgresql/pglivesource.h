#pragma once

#include "adaptivepoll.h"
#include "livesource.h"
#include "pgconnection.h"
#include "pglayout.h"
#include "pgsnapshot.h"
#include "sourceurl.h"

#include <atomic>
#include <memory>

namespace eventscope::importers::live {

// How a PostgreSQL store is named in messages and the status bar: "db@host:port (layout)".
QString pgStoreLabel(const SourceUrl& url, const PgLayout& layout);
// libpq's connection parameters for a postgresql:// URL (never a password: libpq finds it).
std::vector<std::pair<QString, QString>> pgConnectionParameters(const SourceUrl& url);

// A PostgreSQL store (Message DB, Marten, or a mapped table: PgLayout) read by its position
// column and followed. Never skips a committed event: a read goes only up to a safe horizon, the
// first missing position that may still commit (GapWatch), and a category is filtered on the
// server within that horizon. Following wakes on NOTIFY when the table has Eventscope's trigger
// (PgNotifyTrigger), still looking every few seconds in case a notification is lost; without it,
// it polls the newest position at an adaptive interval (up to 250 ms).
class PgLiveSource : public LiveSource
{
public:
    explicit PgLiveSource(SourceUrl url, AdaptivePoll poll = AdaptivePoll(std::chrono::milliseconds(20),
                                                                          std::chrono::milliseconds(250)));

    QString url() const override { return m_url.canonical(); }
    QString label() const override;
    QString kind() const override { return QStringLiteral("postgresql/") + m_layout->name(); }

    void connect() override;
    void disconnect() override;
    LiveBatch read(qint64 afterPosition, int maxEvents) override;
    qint64 headPosition() override;
    bool waitForChange(std::chrono::milliseconds timeout, StopSignal& stop) override;

    // The NOTIFY trigger: its SQL (no connection needed), whether it is there (after connect),
    // and installing it (connects when needed; then following listens).
    QByteArray triggerSql() const;
    bool listening() const { return m_listening; }
    void installTrigger();
    QString tableName() const { return m_layout->tableName(); }

    qint64 pollCount() const { return m_polls.load(std::memory_order_relaxed); }
    qint64 notificationCount() const { return m_notifications.load(std::memory_order_relaxed); }

    // While listening, the newest position is still looked at this often.
    static constexpr std::chrono::milliseconds safetyPoll{5000};

private:
    qint64 safeHorizon(qint64 afterPosition, int limit, const PgSnapshot& snapshot,
                       std::vector<qint64>& taken);
    void convertRow(const PgResult& rows, int i, LiveBatch& batch) const;
    bool waitForNotification(std::chrono::milliseconds timeout, StopSignal& stop);

    SourceUrl m_url;
    std::unique_ptr<PgLayout> m_layout;
    AdaptivePoll m_poll;
    PgConnection m_conn;
    GapWatch m_gaps;
    QString m_category;
    qint64 m_seenHead = 0;
    bool m_listening = false;
    std::chrono::steady_clock::time_point m_lastPoll;
    std::atomic<qint64> m_polls{0};
    std::atomic<qint64> m_notifications{0};
};

} // namespace eventscope::importers::live
