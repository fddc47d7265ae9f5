#pragma once

// Stores for the live-source suites, written the way their owners write them.

#include "sqlite/database.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace eventscope::testing {

// The Python eventsourcing library's SQLite application recorder (eventsourcing/sqlite.py):
// WAL mode, stored_events keyed by (originator_id, originator_version), global order by rowid.
inline sqlite::Database createEventsourcingStore(const QString& path)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadWriteCreate);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version INTEGER, "
            "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))");
    return db;
}

// One row as the recorder inserts it ("INSERT INTO stored_events VALUES (?,?,?,?)"), the
// originator id as uuid.hex.
inline void appendStoredEvent(sqlite::Database& db, const QString& originatorHex, qint64 version,
                              const QString& topic, const QByteArray& state)
{
    auto q = db.prepare("INSERT INTO stored_events VALUES (?,?,?,?)");
    q.bind(1, originatorHex).bind(2, version).bind(3, topic).bindBlob(4, state);
    q.exec();
}

// A state as the JSONTranscoder writes it: the timestamp wrapped as datetime_iso.
inline QByteArray accountState(const QByteArray& isoTime, const QByteArray& members)
{
    return "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"" + isoTime + "\"}" +
           (members.isEmpty() ? QByteArray() : ", " + members) + "}";
}

// The 32-hex-digit originator id of account n.
inline QString accountId(int n)
{
    return QStringLiteral("%1").arg(n, 32, 16, QLatin1Char('0'));
}

// Appends events [first, first + count) of a simple log: account (i % 3), versions counting up
// per account from `firstVersion[account]`; one transaction.
inline void appendAccountEvents(sqlite::Database& db, int first, int count)
{
    sqlite::Transaction transaction(db);
    for (int i = first; i < first + count; ++i) {
        const int account = i % 3;
        const qint64 version = i / 3 + 1;
        const QByteArray time =
            "2025-03-01T10:00:00." + QByteArray::number(i).rightJustified(6, '0') + "+00:00";
        appendStoredEvent(db, accountId(account), version,
                          version == 1 ? QStringLiteral("bank.domain:Account.Opened")
                                       : QStringLiteral("bank.domain:Account.Deposited"),
                          accountState(time, "\"amount\": " + QByteArray::number(i)));
    }
    transaction.commit();
}

// The workspace's events in position order, read through a connection of its own.
inline std::vector<Event> workspaceEvents(const QString& path)
{
    Workspace workspace(path, Workspace::OpenMode::ReadOnly);
    WorkspaceStore store(workspace);
    return store.window(1, store.count());
}

inline QStringList idsOf(const std::vector<Event>& events)
{
    QStringList ids;
    for (const Event& e : events)
        ids << e.id;
    return ids;
}

inline qint64 eventCount(const QString& path)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadOnly);
    return db.queryInt("SELECT count(*) FROM events");
}

} // namespace eventscope::testing
