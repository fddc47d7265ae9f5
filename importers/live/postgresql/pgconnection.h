#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace eventscope::importers::live {

// One query's result, freed with it.
class PgResult
{
public:
    explicit PgResult(pg_result* result = nullptr);
    int rows() const;
    bool isNull(int row, int column) const;
    QByteArray bytes(int row, int column) const;
    QString text(int row, int column) const;
    qint64 int64(int row, int column) const;

private:
    std::shared_ptr<pg_result> m_result;
};

// A libpq connection. The password is libpq's business (PGPASSWORD, ~/.pgpass): it never passes
// through here. Failures throw LiveError: transient when the connection is lost or refused (the
// follower reconnects with backoff), permanent for what retrying cannot fix (a missing table).
class PgConnection
{
public:
    PgConnection() = default;
    // Keyword/value pairs for libpq (host, port, user, dbname, sslmode), already chosen.
    PgConnection(const std::vector<std::pair<QString, QString>>& parameters, const QString& label);
    ~PgConnection();
    PgConnection(PgConnection&& other) noexcept;
    PgConnection& operator=(PgConnection&& other) noexcept;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    bool isOpen() const { return m_conn != nullptr; }
    // Runs SQL with text parameters ($1, $2, ...); returns rows for queries.
    PgResult exec(const char* sql, const std::vector<QByteArray>& parameters = {});
    PgResult exec(const std::string& sql, const std::vector<QByteArray>& parameters = {})
    {
        return exec(sql.c_str(), parameters);
    }
    // Several statements without parameters (a script), in one round trip.
    void execScript(const QByteArray& sql);

    // NOTIFY messages (LISTEN first) that arrived by now, taken off the connection: how many.
    int takeNotifications();
    // Waits until the server sends something (a notification) or `timeoutMs` passes; the
    // notifications then wait in takeNotifications(). Throws when the connection is lost.
    void waitReadable(int timeoutMs);

private:
    [[noreturn]] void fail(const QString& what);

    pg_conn* m_conn = nullptr;
    QString m_label;
};

} // namespace eventscope::importers::live
