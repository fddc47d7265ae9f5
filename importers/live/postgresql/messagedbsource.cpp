#include "messagedbsource.h"

#include "liveerror.h"
#include "stopsignal.h"

namespace eventscope::importers::live {
namespace {

constexpr const char* selectSql =
    "SELECT global_position, stream_name, position, type, (extract(epoch FROM time) * 1000000)::bigint, "
    "data::text, metadata::text, id::text FROM message_store.messages WHERE global_position > $1 "
    "ORDER BY global_position LIMIT $2";

QString categoryOfStream(const QString& stream)
{
    const qsizetype dash = stream.indexOf(QLatin1Char('-'));
    return dash < 0 ? stream : stream.left(dash);
}

} // namespace

MessageDbSource::MessageDbSource(SourceUrl url, AdaptivePoll poll)
    : m_url(std::move(url)), m_poll(poll), m_category(m_url.parameter(QStringLiteral("category")))
{}

QString MessageDbSource::label() const
{
    QString where = m_url.database;
    if (!m_url.host.isEmpty())
        where += QLatin1Char('@') + m_url.host +
                 (m_url.port > 0 ? QLatin1Char(':') + QString::number(m_url.port) : QString());
    return QStringLiteral("%1 (messagedb%2)")
        .arg(where, m_category.isEmpty() ? QString() : QStringLiteral(", category ") + m_category);
}

void MessageDbSource::connect()
{
    disconnect();
    std::vector<std::pair<QString, QString>> parameters{
        {QStringLiteral("dbname"), m_url.database},
        {QStringLiteral("application_name"), QStringLiteral("eventscope")},
        {QStringLiteral("connect_timeout"), QStringLiteral("5")}};
    if (!m_url.host.isEmpty())
        parameters.emplace_back(QStringLiteral("host"), m_url.host);
    if (m_url.port > 0)
        parameters.emplace_back(QStringLiteral("port"), QString::number(m_url.port));
    if (!m_url.user.isEmpty())
        parameters.emplace_back(QStringLiteral("user"), m_url.user);
    if (const QString sslmode = m_url.parameter(QStringLiteral("sslmode")); !sslmode.isEmpty())
        parameters.emplace_back(QStringLiteral("sslmode"), sslmode);
    m_conn = PgConnection(parameters, label());
    const PgResult columns =
        m_conn.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = 'message_store' "
                    "AND table_name = 'messages'");
    QStringList present;
    for (int i = 0; i < columns.rows(); ++i)
        present << columns.text(i, 0);
    if (present.isEmpty())
        throw LiveError(QStringLiteral("%1: no table message_store.messages (is Message DB installed in this "
                                       "database?)")
                            .arg(label()));
    for (const char* column :
         {"global_position", "position", "time", "stream_name", "type", "data", "metadata", "id"}) {
        if (!present.contains(QLatin1String(column)))
            throw LiveError(QStringLiteral("%1: message_store.messages has no column '%2'")
                                .arg(label(), QLatin1String(column)));
    }
}

void MessageDbSource::disconnect()
{
    m_conn = PgConnection();
    m_gaps.clear();
}

LiveBatch MessageDbSource::read(qint64 afterPosition, int maxEvents)
{
    LiveBatch batch;
    batch.lastPosition = afterPosition;
    // One snapshot for the rows and the list of transactions in progress, so that a missing
    // position can be told from one that is still to commit.
    m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgResult rows;
    std::optional<PgSnapshot> snapshot;
    try {
        snapshot = PgSnapshot::parse(m_conn.exec("SELECT pg_current_snapshot()::text").bytes(0, 0));
        rows = m_conn.exec(selectSql, {QByteArray::number(afterPosition), QByteArray::number(maxEvents)});
        m_conn.exec("COMMIT");
    } catch (const LiveError&) {
        try {
            m_conn.exec("ROLLBACK");
        } catch (const LiveError&) {
            // The connection is gone: the follower reconnects.
        }
        throw;
    }
    if (!snapshot)
        throw LiveError(QStringLiteral("%1: cannot read pg_current_snapshot()").arg(label()));
    qint64 expected = afterPosition + 1;
    for (int i = 0; i < rows.rows(); ++i) {
        const qint64 position = rows.int64(i, 0);
        m_seenHead = std::max(m_seenHead, position);
        if (position != expected && !m_gaps.mayPass(expected, *snapshot))
            break; // wait for the gap's transaction to commit or end
        expected = position + 1;
        batch.lastPosition = position;
        ++batch.rows;
        const QString stream = rows.text(i, 1);
        if (!m_category.isEmpty() && categoryOfStream(stream) != m_category)
            continue;
        LiveEvent live;
        live.sourcePosition = position;
        Event& e = live.event;
        e.stream = stream;
        e.streamVersion = rows.int64(i, 2);
        e.type = rows.text(i, 3);
        e.timeUs = rows.int64(i, 4);
        e.data = rows.bytes(i, 5);
        e.metadata = rows.bytes(i, 6);
        e.id = rows.text(i, 7);
        const QString place = QStringLiteral("global_position %1").arg(position);
        if (e.stream.isEmpty() || e.type.isEmpty())
            batch.errors.push_back({position, place,
                                    e.stream.isEmpty() ? QStringLiteral("stream_name is empty")
                                                       : QStringLiteral("type is empty")});
        else
            batch.events.push_back(std::move(live));
    }
    if (m_gaps.waiting() && batch.lastPosition >= m_gaps.missing())
        m_gaps.clear(); // the missing position arrived
    return batch;
}

qint64 MessageDbSource::headPosition()
{
    return m_conn.exec("SELECT coalesce(max(global_position), 0) FROM message_store.messages").int64(0, 0);
}

bool MessageDbSource::waitForChange(std::chrono::milliseconds timeout, StopSignal& stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (m_gaps.waiting()) {
            // Nothing tells when a transaction ends: look again after a while.
            const bool stopped = stop.waitFor(m_poll.next());
            m_poll.unchanged();
            return !stopped;
        }
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
