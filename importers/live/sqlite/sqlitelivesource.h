#pragma once

#include "adaptivepoll.h"
#include "livesource.h"
#include "sourceurl.h"
#include "sqlite/database.h"
#include "sqlitelayout.h"

#include <atomic>
#include <memory>

namespace eventscope::importers::live {

// A SQLite file followed while another process appends to it: an Eventscope workspace, the
// eventsourcing library's stored_events, or any table through a mapping (SqliteLayout). The file
// is opened read-only (and query_only): this source never writes to it. Changes are noticed with
// PRAGMA data_version, which moves when another connection commits, looked at on an adaptive
// interval (AdaptivePoll): cheap enough to ask often, never a busy loop.
class SqliteLiveSource : public LiveSource
{
public:
    explicit SqliteLiveSource(SourceUrl url, AdaptivePoll poll = AdaptivePoll());
    ~SqliteLiveSource() override;

    QString url() const override;
    QString label() const override;
    QString kind() const override;

    void connect() override;
    void disconnect() override;
    LiveBatch read(qint64 afterPosition, int maxEvents) override;
    qint64 headPosition() override;
    bool waitForChange(std::chrono::milliseconds timeout, StopSignal& stop) override;

    // How many times waitForChange() looked at the file: what shows that waiting does not spin.
    // Safe to read from another thread.
    qint64 pollCount() const { return m_polls.load(std::memory_order_relaxed); }
    const AdaptivePoll& poll() const { return m_poll; }

private:
    std::unique_ptr<SqliteLayout> makeLayout();
    SourceUrl::Layout detectLayout();
    qint64 dataVersion();
    [[noreturn]] void rethrow(const sqlite::Error& error) const;

    SourceUrl m_url;
    AdaptivePoll m_poll;
    sqlite::Database m_db;
    std::unique_ptr<SqliteLayout> m_layout;
    sqlite::Statement m_select;
    sqlite::Statement m_head;
    sqlite::Statement m_dataVersion;
    qint64 m_versionAtRead = -1;
    std::atomic<qint64> m_polls{0};
};

} // namespace eventscope::importers::live
