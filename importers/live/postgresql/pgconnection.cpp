#include "pgconnection.h"

#include "liveerror.h"

#include <libpq-fe.h>

#include <cerrno>
#include <poll.h>

namespace eventscope::importers::live {

PgResult::PgResult(pg_result* result) : m_result(result, PQclear) {}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

QByteArray PgResult::bytes(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QByteArray(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(bytes(row, column));
}

qint64 PgResult::int64(int row, int column) const
{
    return bytes(row, column).toLongLong();
}

PgConnection::PgConnection(const std::vector<std::pair<QString, QString>>& parameters, const QString& label)
    : m_label(label)
{
    std::vector<QByteArray> keys;
    std::vector<QByteArray> values;
    for (const auto& [key, value] : parameters) {
        keys.push_back(key.toUtf8());
        values.push_back(value.toUtf8());
    }
    std::vector<const char*> keyPointers;
    std::vector<const char*> valuePointers;
    for (size_t i = 0; i < keys.size(); ++i) {
        keyPointers.push_back(keys[i].constData());
        valuePointers.push_back(values[i].constData());
    }
    keyPointers.push_back(nullptr);
    valuePointers.push_back(nullptr);
    m_conn = PQconnectdbParams(keyPointers.data(), valuePointers.data(), 0);
    if (!m_conn)
        throw LiveError(QStringLiteral("%1: out of memory").arg(m_label), LiveError::Kind::Transient);
    if (PQstatus(m_conn) == CONNECTION_OK) {
        // Notices ("trigger ... does not exist, skipping") are for a psql user, not our stderr.
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
    }
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const QString message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        PQfinish(m_conn);
        m_conn = nullptr;
        // A refused or dropped connection may come back; a bad password or database will not.
        const bool permanent = message.contains(QLatin1String("password authentication failed")) ||
                               message.contains(QLatin1String("does not exist")) ||
                               message.contains(QLatin1String("no password supplied")) ||
                               message.contains(QLatin1String("SSL was required")) ||
                               message.contains(QLatin1String("certificate"));
        throw LiveError(QStringLiteral("%1: %2").arg(m_label, message),
                        permanent ? LiveError::Kind::Permanent : LiveError::Kind::Transient);
    }
}

PgConnection::~PgConnection()
{
    if (m_conn)
        PQfinish(m_conn);
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : m_conn(other.m_conn), m_label(std::move(other.m_label))
{
    other.m_conn = nullptr;
}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept
{
    if (this != &other) {
        if (m_conn)
            PQfinish(m_conn);
        m_conn = other.m_conn;
        m_label = std::move(other.m_label);
        other.m_conn = nullptr;
    }
    return *this;
}

void PgConnection::fail(const QString& what)
{
    const bool lost = !m_conn || PQstatus(m_conn) != CONNECTION_OK;
    throw LiveError(QStringLiteral("%1: %2").arg(m_label, what),
                    lost ? LiveError::Kind::Transient : LiveError::Kind::Permanent);
}

PgResult PgConnection::exec(const char* sql, const std::vector<QByteArray>& parameters)
{
    if (!m_conn)
        fail(QStringLiteral("not connected"));
    std::vector<const char*> values;
    for (const QByteArray& p : parameters)
        values.push_back(p.constData());
    pg_result* raw =
        PQexecParams(m_conn, sql, int(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const QString message =
            QString::fromUtf8(raw ? PQresultErrorMessage(raw) : PQerrorMessage(m_conn)).trimmed();
        PQclear(raw);
        fail(message);
    }
    return PgResult(raw);
}

void PgConnection::execScript(const QByteArray& sql)
{
    if (!m_conn)
        fail(QStringLiteral("not connected"));
    pg_result* raw = PQexec(m_conn, sql.constData());
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    const QString message =
        QString::fromUtf8(raw ? PQresultErrorMessage(raw) : PQerrorMessage(m_conn)).trimmed();
    PQclear(raw);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        fail(message);
}

int PgConnection::takeNotifications()
{
    if (!m_conn)
        fail(QStringLiteral("not connected"));
    if (PQconsumeInput(m_conn) == 0) // the connection is gone: the follower reconnects
        throw LiveError(
            QStringLiteral("%1: %2").arg(m_label, QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()),
            LiveError::Kind::Transient);
    int count = 0;
    while (PGnotify* notify = PQnotifies(m_conn)) {
        ++count;
        PQfreemem(notify);
    }
    return count;
}

void PgConnection::waitReadable(int timeoutMs)
{
    if (!m_conn)
        fail(QStringLiteral("not connected"));
    pollfd descriptor{};
    descriptor.fd = PQsocket(m_conn);
    descriptor.events = POLLIN;
    if (descriptor.fd < 0)
        fail(QStringLiteral("the connection has no socket"));
    if (poll(&descriptor, 1, timeoutMs) < 0 && errno != EINTR)
        fail(QStringLiteral("waiting for the server failed"));
}

} // namespace eventscope::importers::live
