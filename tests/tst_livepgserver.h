#pragma once

// A throwaway PostgreSQL server for the live-source suites: its own data directory in a temporary
// directory, 127.0.0.1 on a free port, stopped (and removed) at the end. No mocks.

#include "pgconnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace eventscope::testing {

class PgServer
{
public:
    static QString binDir() { return QStringLiteral("/usr/lib/postgresql/15/bin"); }
    static bool installed() { return QFileInfo::exists(binDir() + QStringLiteral("/initdb")); }

    ~PgServer() { stop(); }

    // initdb and start; on failure returns false with the reason.
    bool start(QString* error)
    {
        if (!m_dir.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        // PostgreSQL refuses to run as root: run it as the postgres user then.
        if (geteuid() == 0) {
            const passwd* user = getpwnam("postgres");
            if (!user)
                return fail(error, QStringLiteral("running as root and there is no postgres user"));
            if (chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0)
                return fail(error, QStringLiteral("cannot hand the data directory to postgres"));
            m_runAs = QStringLiteral("postgres");
        }
        m_port = freePort();
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-A"), QStringLiteral("trust"),
                  QStringLiteral("-U"), QStringLiteral("eventscope"), QStringLiteral("--no-sync"),
                  QStringLiteral("-E"), QStringLiteral("UTF8")},
                 error))
            return false;
        return startServer(error);
    }

    bool startServer(QString* error)
    {
        return run(QStringLiteral("pg_ctl"),
                   {QStringLiteral("-D"), dataDir(), QStringLiteral("-o"),
                    QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                        .arg(m_port)
                        .arg(m_dir.path()),
                    QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                    QStringLiteral("start")},
                   error);
    }

    bool stopServer(QString* error = nullptr)
    {
        return run(QStringLiteral("pg_ctl"),
                   {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                    QStringLiteral("-w"), QStringLiteral("stop")},
                   error);
    }

    void stop()
    {
        if (m_port != 0 && QFileInfo::exists(dataDir() + QStringLiteral("/postmaster.pid")))
            stopServer();
    }

    int port() const { return m_port; }

    std::vector<std::pair<QString, QString>>
    connection(const QString& database = QStringLiteral("postgres")) const
    {
        return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                {QStringLiteral("port"), QString::number(m_port)},
                {QStringLiteral("user"), QStringLiteral("eventscope")},
                {QStringLiteral("dbname"), database}};
    }
    importers::live::PgConnection connect(const QString& database = QStringLiteral("postgres")) const
    {
        return importers::live::PgConnection(connection(database), QStringLiteral("test"));
    }
    QString url(const QString& query, const QString& database = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql://eventscope@127.0.0.1:%1/%2?%3").arg(m_port).arg(database, query);
    }

    // Message DB's table, as its install scripts make it (without the functions, which readers
    // do not need).
    void createMessageStore(const QString& database = QStringLiteral("postgres")) const
    {
        auto db = connect(database);
        db.exec("CREATE SCHEMA message_store");
        db.exec("CREATE TABLE message_store.messages ("
                "global_position bigserial NOT NULL, position bigint NOT NULL, "
                "time TIMESTAMP WITHOUT TIME ZONE DEFAULT (now() AT TIME ZONE 'utc') NOT NULL, "
                "stream_name text NOT NULL, type text NOT NULL, data jsonb, metadata jsonb, "
                "id UUID NOT NULL DEFAULT gen_random_uuid(), PRIMARY KEY (global_position))");
    }

    // Marten's event store tables as Marten (Weasel) creates them in `schema`, with uuid or text
    // stream ids (StreamIdentity.AsGuid / AsString), single tenancy.
    void createMarten(const QString& database, const QString& schema = QStringLiteral("public"),
                      bool textStreamIds = false) const
    {
        auto db = connect(database);
        const QByteArray s = schema.toUtf8();
        const QByteArray idType = textStreamIds ? "varchar" : "uuid";
        if (schema != QLatin1String("public"))
            db.execScript("CREATE SCHEMA " + s);
        db.execScript(
            "CREATE TABLE " + s + ".mt_streams (id " + idType +
            " NOT NULL, type varchar NULL, version bigint NULL, "
            "timestamp timestamptz NOT NULL DEFAULT (now()), snapshot jsonb NULL, snapshot_version integer "
            "NULL, created timestamptz NOT NULL DEFAULT (now()), tenant_id varchar NULL DEFAULT "
            "'*DEFAULT*', is_archived bool NULL DEFAULT FALSE, CONSTRAINT pkey_mt_streams_id PRIMARY KEY "
            "(id));"
            "CREATE TABLE " +
            s + ".mt_events (seq_id bigint NOT NULL, id uuid NOT NULL, stream_id " + idType +
            " NULL, version bigint NOT NULL, data jsonb NOT NULL, type varchar(500) NOT NULL, "
            "timestamp timestamptz NOT NULL DEFAULT (now()), tenant_id varchar NULL DEFAULT '*DEFAULT*', "
            "mt_dotnet_type varchar NULL, is_archived bool NULL DEFAULT FALSE, CONSTRAINT "
            "pkey_mt_events_seq_id PRIMARY KEY (seq_id), CONSTRAINT fkey_mt_events_stream_id FOREIGN KEY "
            "(stream_id) REFERENCES " +
            s +
            ".mt_streams(id) ON DELETE CASCADE);"
            "CREATE SEQUENCE " +
            s + ".mt_events_sequence; ALTER SEQUENCE " + s + ".mt_events_sequence OWNED BY " + s +
            ".mt_events.seq_id;"
            "CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON " +
            s +
            ".mt_events USING btree (stream_id, version);"
            "CREATE UNIQUE INDEX pk_mt_events_id_unique ON " +
            s + ".mt_events USING btree (id);");
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    static bool fail(QString* error, const QString& message)
    {
        if (error)
            *error = message;
        return false;
    }

    static int freePort()
    {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        int port = 0;
        if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        close(fd);
        return port;
    }

    bool run(const QString& tool, const QStringList& arguments, QString* error) const
    {
        QString program = binDir() + QLatin1Char('/') + tool;
        QStringList all = arguments;
        if (!m_runAs.isEmpty()) {
            all = QStringList{QStringLiteral("-u"), m_runAs, QStringLiteral("--"), program} + arguments;
            program = QStringLiteral("runuser");
        }
        QProcess process;
        process.start(program, all);
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            return fail(error, tool + QStringLiteral(" failed: ") +
                                   QString::fromLocal8Bit(process.readAllStandardError()) +
                                   QString::fromLocal8Bit(process.readAllStandardOutput()));
        return true;
    }

    QTemporaryDir m_dir;
    QString m_runAs;
    int m_port = 0;
};

} // namespace eventscope::testing
