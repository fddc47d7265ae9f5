#include "sqlitelivesource.h"

#include "eventscopelayout.h"
#include "eventsourcinglayout.h"
#include "liveerror.h"
#include "mappedtablelayout.h"
#include "sqlitetableinfo.h"
#include "stopsignal.h"
#include "workspace.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace eventscope::importers::live {

SqliteLiveSource::SqliteLiveSource(SourceUrl url, AdaptivePoll poll) : m_url(std::move(url)), m_poll(poll) {}

SqliteLiveSource::~SqliteLiveSource() = default;

QString SqliteLiveSource::url() const
{
    return m_url.canonical();
}

QString SqliteLiveSource::label() const
{
    return QStringLiteral("%1 (%2)").arg(QFileInfo(m_url.path).fileName(),
                                         SourceUrl::layoutName(m_url.layout));
}

QString SqliteLiveSource::kind() const
{
    return QStringLiteral("sqlite/") + SourceUrl::layoutName(m_url.layout);
}

void SqliteLiveSource::rethrow(const sqlite::Error& error) const
{
    const int primary = error.code() & 0xff;
    const auto kind = primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? LiveError::Kind::Transient
                                                                         : LiveError::Kind::Permanent;
    QString message = error.message();
    if (primary == SQLITE_NOTADB)
        message = QStringLiteral("not a SQLite file");
    throw LiveError(QStringLiteral("%1: %2").arg(QFileInfo(m_url.path).fileName(), message), kind);
}

SourceUrl::Layout SqliteLiveSource::detectLayout()
{
    if (m_db.queryInt("PRAGMA application_id") == Workspace::applicationId)
        return SourceUrl::Layout::Eventscope;
    if (!SqliteTableInfo::columns(m_db, QStringLiteral("stored_events")).isEmpty())
        return SourceUrl::Layout::Eventsourcing;
    throw LiveError(
        QStringLiteral("%1: cannot tell how it keeps events: it is no Eventscope workspace and has "
                       "no stored_events table (tables: %2); add ?layout=eventsourcing&table=NAME or "
                       "a mapping (?table=NAME&stream=..&type=..&time=..)")
            .arg(QFileInfo(m_url.path).fileName(), SqliteTableInfo::tables(m_db).join(QStringLiteral(", "))));
}

std::unique_ptr<SqliteLayout> SqliteLiveSource::makeLayout()
{
    switch (m_url.layout) {
    case SourceUrl::Layout::Detect:
    case SourceUrl::Layout::MessageDb: // refused by SourceUrl for files
    case SourceUrl::Layout::Marten:
    case SourceUrl::Layout::JetStream:
        break;
    case SourceUrl::Layout::Eventscope:
        return std::make_unique<EventscopeLayout>();
    case SourceUrl::Layout::Eventsourcing:
        return std::make_unique<EventsourcingLayout>(m_url.parameter(QStringLiteral("table")).isEmpty()
                                                         ? QStringLiteral("stored_events")
                                                         : m_url.parameter(QStringLiteral("table")));
    case SourceUrl::Layout::Table:
        return std::make_unique<MappedTableLayout>(TableMapping::fromParameters(m_url.parameters),
                                                   QFileInfo(m_url.path).fileName());
    }
    throw LiveError(QStringLiteral("%1: layout=%2 is not a SQLite layout")
                        .arg(QFileInfo(m_url.path).fileName(), SourceUrl::layoutName(m_url.layout)));
}

void SqliteLiveSource::connect()
{
    disconnect();
    if (!QFileInfo::exists(m_url.path))
        throw LiveError(QStringLiteral("%1: no such file").arg(m_url.path));
    try {
        m_db = sqlite::Database(m_url.path, sqlite::Database::Mode::ReadOnly);
        m_db.exec("PRAGMA query_only=1");
        // A writer holding the lock (an import into a workspace) is waited for briefly, then
        // retried by the follower: a long wait here would delay stopping.
        sqlite3_busy_timeout(m_db.handle(), 250);
        m_db.queryInt("SELECT count(*) FROM sqlite_schema"); // fails here for a file that is no database
        if (m_url.layout == SourceUrl::Layout::Detect)
            m_url.layout = detectLayout();
        m_layout = makeLayout();
        m_layout->check(m_db);
        m_select = m_db.prepare(m_layout->selectSql());
        m_head = m_db.prepare(m_layout->headSql());
        m_dataVersion = m_db.prepare("PRAGMA data_version");
    } catch (const sqlite::Error& error) {
        disconnect();
        rethrow(error);
    } catch (...) {
        disconnect();
        throw;
    }
}

void SqliteLiveSource::disconnect()
{
    m_select = {};
    m_head = {};
    m_dataVersion = {};
    m_layout.reset();
    m_db = {};
    m_versionAtRead = -1;
}

qint64 SqliteLiveSource::dataVersion()
{
    const qint64 version = m_dataVersion.step() ? m_dataVersion.int64(0) : -1;
    m_dataVersion.reset();
    return version;
}

LiveBatch SqliteLiveSource::read(qint64 afterPosition, int maxEvents)
{
    if (!m_layout)
        throw LiveError(QStringLiteral("%1: not connected").arg(QFileInfo(m_url.path).fileName()));
    LiveBatch batch;
    batch.lastPosition = afterPosition;
    try {
        // Taken before the query: a commit racing with it moves the version, and the next wait
        // returns at once instead of missing it.
        m_versionAtRead = dataVersion();
        m_select.bind(1, afterPosition).bind(2, qint64(maxEvents));
        while (m_select.step()) {
            const qint64 position = m_select.int64(0);
            SqliteLayout::Row row;
            m_layout->convert(m_select, row);
            const QString place = m_layout->placeName() + QLatin1Char(' ') + QString::number(position);
            if (!row.error.isEmpty())
                batch.errors.push_back({position, place, row.error});
            else
                batch.events.push_back({position, std::move(row.event)});
            if (!row.warning.isEmpty())
                batch.warnings.push_back({position, place, row.warning});
            batch.lastPosition = position;
            ++batch.rows;
        }
        m_select.reset();
    } catch (const sqlite::Error& error) {
        m_select.reset();
        rethrow(error);
    }
    return batch;
}

qint64 SqliteLiveSource::headPosition()
{
    if (!m_layout)
        throw LiveError(QStringLiteral("%1: not connected").arg(QFileInfo(m_url.path).fileName()));
    try {
        const qint64 head = m_head.step() && !m_head.isNull(0) ? m_head.int64(0) : 0;
        m_head.reset();
        return head;
    } catch (const sqlite::Error& error) {
        m_head.reset();
        rethrow(error);
    }
}

bool SqliteLiveSource::waitForChange(std::chrono::milliseconds timeout, StopSignal& stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        ++m_polls;
        qint64 version = -1;
        try {
            version = dataVersion();
        } catch (const sqlite::Error& error) {
            rethrow(error);
        }
        if (version != m_versionAtRead) {
            m_poll.changed();
            return true;
        }
        m_poll.unchanged();
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0)
            return false;
        if (stop.waitFor(std::min(m_poll.next(), remaining)))
            return false;
    }
}

} // namespace eventscope::importers::live
