#include "pglivesource.h"

#include "liveerror.h"
#include "pgnotifytrigger.h"
#include "pgrow.h"
#include "stopsignal.h"

#include <algorithm>
#include <climits>

namespace eventscope::importers::live {

PgLiveSource::PgLiveSource(SourceUrl url, AdaptivePoll poll)
    : m_url(std::move(url)), m_layout(createPgLayout(m_url)), m_poll(poll),
      m_category(m_url.parameter(QStringLiteral("category")))
{}

QString pgStoreLabel(const SourceUrl& url, const PgLayout& layout)
{
    QString where = url.database;
    if (!url.host.isEmpty())
        where += QLatin1Char('@') + url.host +
                 (url.port > 0 ? QLatin1Char(':') + QString::number(url.port) : QString());
    QString what = layout.name();
    if (url.layout == SourceUrl::Layout::Table)
        what = layout.tableName();
    if (const QString category = url.parameter(QStringLiteral("category")); !category.isEmpty())
        what += QStringLiteral(", category ") + category;
    return QStringLiteral("%1 (%2)").arg(where, what);
}

std::vector<std::pair<QString, QString>> pgConnectionParameters(const SourceUrl& url)
{
    // The password is libpq's business (PGPASSWORD, ~/.pgpass): it is not among these.
    std::vector<std::pair<QString, QString>> parameters{
        {QStringLiteral("dbname"), url.database},
        {QStringLiteral("application_name"), QStringLiteral("eventscope")},
        {QStringLiteral("connect_timeout"), QStringLiteral("5")}};
    if (!url.host.isEmpty())
        parameters.emplace_back(QStringLiteral("host"), url.host);
    if (url.port > 0)
        parameters.emplace_back(QStringLiteral("port"), QString::number(url.port));
    if (!url.user.isEmpty())
        parameters.emplace_back(QStringLiteral("user"), url.user);
    if (const QString sslmode = url.parameter(QStringLiteral("sslmode")); !sslmode.isEmpty())
        parameters.emplace_back(QStringLiteral("sslmode"), sslmode);
    return parameters;
}

QString PgLiveSource::label() const
{
    return pgStoreLabel(m_url, *m_layout);
}

void PgLiveSource::connect()
{
    disconnect();
    const auto parameters = pgConnectionParameters(m_url);
    m_conn = PgConnection(parameters, label());
    try {
        m_layout->check(m_conn);
    } catch (const LiveError& error) {
        if (error.isTransient())
            throw;
        throw LiveError(QStringLiteral("%1: %2").arg(label(), error.message()));
    }
    m_listening = PgNotifyTrigger::installed(m_conn, *m_layout);
    if (m_listening)
        m_conn.exec(std::string("LISTEN ") + PgNotifyTrigger::channel);
    m_lastPoll = std::chrono::steady_clock::now();
}

void PgLiveSource::disconnect()
{
    m_conn = PgConnection();
    m_gaps.clear();
    m_listening = false;
}

QByteArray PgLiveSource::triggerSql() const
{
    return PgNotifyTrigger::sql(*m_layout);
}

void PgLiveSource::installTrigger()
{
    if (!m_conn.isOpen())
        connect();
    PgNotifyTrigger::install(m_conn, *m_layout);
    m_listening = false; // LISTEN on the next connect, which checks the trigger again
    connect();
}

// The last position a read may take: the positions after afterPosition in order, up to the first
// missing one that may still commit. `taken` = the positions up to it.
qint64 PgLiveSource::safeHorizon(qint64 afterPosition, int limit, const PgSnapshot& snapshot,
                                 std::vector<qint64>& taken)
{
    const std::string column = m_layout->positionColumn();
    const PgResult positions = m_conn.exec("SELECT " + column + " FROM " + m_layout->table() + " WHERE " +
                                               column + " > $1 ORDER BY " + column + " LIMIT $2",
                                           {QByteArray::number(afterPosition), QByteArray::number(limit)});
    taken.clear();
    if (positions.rows() == 0)
        return afterPosition;
    const qint64 highest = positions.int64(positions.rows() - 1, 0);
    m_seenHead = std::max(m_seenHead, highest);
    qint64 horizon = afterPosition;
    for (int i = 0; i < positions.rows(); ++i) {
        const qint64 position = positions.int64(i, 0);
        // A gap is passed whole or not at all: ask about its last missing position.
        if (position != horizon + 1 && !m_gaps.mayPass(position - 1, highest, snapshot))
            break;
        horizon = position;
        taken.push_back(position);
    }
    return horizon;
}

void PgLiveSource::convertRow(const PgResult& rows, int i, LiveBatch& batch) const
{
    LiveEvent live;
    live.sourcePosition = rows.int64(i, 0);
    if (const PgRowProblem problem = readPgRow(*m_layout, rows, i, live.event)) {
        const QString place =
            QStringLiteral("%1 %2")
                .arg(QString::fromStdString(m_layout->positionColumn()).remove(QLatin1Char('"')))
                .arg(live.sourcePosition);
        batch.errors.push_back({live.sourcePosition, place,
                                m_layout->columnName(problem.column) + QLatin1Char(' ') + problem.why});
        return;
    }
    batch.events.push_back(std::move(live));
}

LiveBatch PgLiveSource::read(qint64 afterPosition, int maxEvents)
{
    LiveBatch batch;
    batch.lastPosition = afterPosition;
    // A category leaves most positions out: look further ahead for the safe horizon.
    const int scanLimit = m_category.isEmpty() ? maxEvents : std::min(maxEvents, INT_MAX / 8) * 8;
    // One snapshot for the positions, the rows and the list of transactions in progress, so that a
    // missing position can be told from one that is still to commit.
    m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgResult rows;
    qint64 horizon = afterPosition;
    std::vector<qint64> taken;
    try {
        const auto snapshot =
            PgSnapshot::parse(m_conn.exec("SELECT pg_current_snapshot()::text").bytes(0, 0));
        if (!snapshot)
            throw LiveError(QStringLiteral("%1: cannot read pg_current_snapshot()").arg(label()));
        horizon = safeHorizon(afterPosition, scanLimit, *snapshot, taken);
        if (horizon > afterPosition) {
            std::vector<QByteArray> parameters{QByteArray::number(afterPosition), QByteArray::number(horizon),
                                               QByteArray::number(maxEvents)};
            if (!m_category.isEmpty())
                parameters.push_back(m_category.toUtf8());
            rows = m_conn.exec(m_layout->rowsSql(!m_category.isEmpty()), parameters);
        }
        m_conn.exec("COMMIT");
    } catch (const LiveError&) {
        try {
            m_conn.exec("ROLLBACK");
        } catch (const LiveError&) {
            // The connection is gone: the follower reconnects.
        }
        throw;
    }
    if (rows.rows() >= maxEvents && rows.rows() > 0) {
        // The rows' limit came first: this read covers positions up to its last row only.
        horizon = std::min(horizon, rows.int64(rows.rows() - 1, 0));
    }
    batch.lastPosition = horizon;
    batch.rows = int(std::upper_bound(taken.begin(), taken.end(), horizon) - taken.begin());
    for (int i = 0; i < rows.rows(); ++i)
        convertRow(rows, i, batch);
    if (m_gaps.waiting() && horizon >= m_gaps.missing())
        m_gaps.clear(); // the missing position arrived, or was passed
    batch.waiting = m_gaps.waiting();
    return batch;
}

qint64 PgLiveSource::headPosition()
{
    const std::string column = m_layout->positionColumn();
    return m_conn.exec("SELECT coalesce(max(" + column + "), 0) FROM " + m_layout->table()).int64(0, 0);
}

// Listening: wakes on a notification, looking at the newest position every safetyPoll anyway.
bool PgLiveSource::waitForNotification(std::chrono::milliseconds timeout, StopSignal& stop)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    while (!stop.requested()) {
        if (const int arrived = m_conn.takeNotifications(); arrived > 0) {
            m_notifications += arrived;
            return true;
        }
        if (Clock::now() - m_lastPoll >= safetyPoll) {
            m_lastPoll = Clock::now();
            ++m_polls;
            if (headPosition() > m_seenHead)
                return true;
        }
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (remaining.count() <= 0)
            return false;
        // The stop request has no descriptor to wait on: look at it every slice.
        m_conn.waitReadable(int(std::min(remaining, StopSignal::checkSlice).count()));
    }
    return false;
}

bool PgLiveSource::waitForChange(std::chrono::milliseconds timeout, StopSignal& stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (m_gaps.waiting()) {
            // Nothing tells when a transaction ends: look again after a while.
            const bool stopped = stop.waitFor(m_poll.next());
            m_poll.unchanged();
            return !stopped;
        }
        if (m_listening)
            return waitForNotification(timeout, stop);
        ++m_polls;
        if (headPosition() > m_seenHead) {
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
