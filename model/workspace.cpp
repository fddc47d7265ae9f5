#include "workspace.h"

#include <QFileInfo>

namespace eventscope {
namespace {

// Migration i brings a workspace from schema version i to i + 1. Append, never edit.
constexpr const char* migrations[] = {
    // 0 -> 1: events and their provenance.
    R"sql(
    CREATE TABLE imports(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        label TEXT NOT NULL,
        format TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT,
        imported_at_us INTEGER NOT NULL,
        accepted INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        note TEXT
    );
    CREATE INDEX imports_sha256 ON imports(sha256);
    -- Stream and type names are stored once: events refer to them by integer, which keeps rows
    -- small and makes the stream and type indexes integer indexes (built twice as fast).
    CREATE TABLE streams(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE event_types(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE events(
        position INTEGER PRIMARY KEY,
        stream_id INTEGER NOT NULL REFERENCES streams(id),
        stream_version INTEGER NOT NULL,
        type_id INTEGER NOT NULL REFERENCES event_types(id),
        schema_version INTEGER NOT NULL DEFAULT 1,
        time_us INTEGER NOT NULL,
        id TEXT NOT NULL,
        causation_id TEXT,
        correlation_id TEXT,
        content_type TEXT,
        data TEXT,
        raw_data BLOB,
        metadata TEXT,
        import_id INTEGER REFERENCES imports(id),
        source TEXT
    );
    CREATE UNIQUE INDEX events_id ON events(id);
    CREATE INDEX events_stream ON events(stream_id, stream_version);
    CREATE INDEX events_type ON events(type_id);
    CREATE INDEX events_time ON events(time_us);
    -- Events with their names, for ad-hoc SQL (sqlite3 WORKSPACE 'SELECT ... FROM events_named').
    CREATE VIEW events_named AS
        SELECT e.position, s.name AS stream, e.stream_version, t.name AS type, e.schema_version,
               e.time_us, e.id, e.causation_id, e.correlation_id, e.content_type, e.data,
               e.raw_data, e.metadata, e.import_id, e.source
        FROM events e JOIN streams s ON s.id = e.stream_id JOIN event_types t ON t.id = e.type_id;
    )sql",
    // 2: replay snapshots, so that reopening a workspace restores states without folding the log.
    R"sql(
    CREATE TABLE snapshots(
        projection TEXT NOT NULL,  -- content hash of the projection and its upcasters
        log TEXT NOT NULL,         -- the log folded: positions mean the same only while it is unchanged
        position INTEGER NOT NULL,
        state BLOB NOT NULL,       -- zlib-compressed JSON {"global": .., "partitions": ..}
        created_us INTEGER NOT NULL,
        PRIMARY KEY(projection, position)
    );
    )sql",
    // 3: the events sharing a correlation id, listed by the event detail view. Partial: most logs
    // leave many correlation ids empty (stored as NULL), and those need no index entry.
    R"sql(
    CREATE INDEX IF NOT EXISTS events_correlation ON events(correlation_id) WHERE correlation_id IS NOT NULL;
    )sql",
    // 4: the investigation kept with the log: bookmarks (by event id, so that they follow their
    // event when an import renumbers positions) and the scripts written in the window.
    R"sql(
    CREATE TABLE IF NOT EXISTS bookmarks(
        id INTEGER PRIMARY KEY,
        event_id TEXT,
        position INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_us INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS scripts(
        name TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        updated_us INTEGER NOT NULL
    );
    )sql",
    // 5: live sources (eventscope-cli follow): how far each followed source has been read, so that
    // following it again continues after what the workspace already holds. Keyed by the source's
    // canonical URL, which never carries a password.
    R"sql(
    CREATE TABLE IF NOT EXISTS live_sources(
        url TEXT PRIMARY KEY,
        last_position INTEGER NOT NULL,
        updated_us INTEGER NOT NULL
    );
    )sql",
    // 6: compensation drafts, and the audit trail of what was done to each (kept when a draft is
    // deleted). A draft's event id is unique: it is the id the event will carry.
    R"sql(
    CREATE TABLE IF NOT EXISTS drafts(
        id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: the audit trail outlives a draft
        event_id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}',
        causation_id TEXT NOT NULL DEFAULT '',
        correlation_id TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_us INTEGER NOT NULL,
        expected_version INTEGER NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        origin_position INTEGER NOT NULL DEFAULT 0,
        origin_type TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft',
        conflict TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE IF NOT EXISTS draft_audit(
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL,
        at_us INTEGER NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    )sql",
    // 7: a workspace attached to a server store holds only the investigation; its events stay on
    // the server (the URL, canonical, never carries a password). attached_runs caches the store's
    // positions as runs of consecutive numbers (its gaps), so that reopening does not scan it again.
    R"sql(
    CREATE TABLE IF NOT EXISTS attached_store(
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        attached_us INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS attached_runs(
        first_source INTEGER PRIMARY KEY,
        length INTEGER NOT NULL
    );
    )sql",
};
static_assert(std::size(migrations) == Workspace::schemaVersion);

sqlite::Database::Mode databaseMode(Workspace::OpenMode mode)
{
    switch (mode) {
    case Workspace::OpenMode::CreateIfMissing:
        return sqlite::Database::Mode::ReadWriteCreate;
    case Workspace::OpenMode::ExistingOnly:
        return sqlite::Database::Mode::ReadWrite;
    case Workspace::OpenMode::ReadOnly:
        return sqlite::Database::Mode::ReadOnly;
    }
    return sqlite::Database::Mode::ReadOnly;
}

} // namespace

Workspace::Workspace(const QString& path, OpenMode mode) : m_path(path)
{
    if (mode != OpenMode::CreateIfMissing && !QFileInfo::exists(path))
        throw WorkspaceError(QStringLiteral("%1: no such workspace").arg(path));
    try {
        if (mode == OpenMode::ReadOnly && QFileInfo(path + QStringLiteral("-journal")).size() > 0) {
            // A killed import left a hot journal, which a read-only connection cannot roll back:
            // one writable open restores the file as it was before that import.
            try {
                sqlite::Database recovery(path, sqlite::Database::Mode::ReadWrite);
                recovery.queryInt("PRAGMA user_version");
            } catch (const sqlite::Error&) {
                // Not writable here: the read-only open below reports the problem.
            }
        }
        m_db = sqlite::Database(path, databaseMode(mode));
        // Read the header before anything writes to the file: a newer schema is never modified.
        const qint64 appId = m_db.queryInt("PRAGMA application_id");
        const qint64 version = m_db.queryInt("PRAGMA user_version");
        const qint64 tables = m_db.queryInt("SELECT count(*) FROM sqlite_schema");
        if (appId != applicationId && tables > 0)
            throw WorkspaceError(QStringLiteral("%1: not an Eventscope workspace").arg(path));
        if (version > schemaVersion) {
            throw WorkspaceError(
                QStringLiteral("%1: written by a newer Eventscope (workspace schema %2, this "
                               "version reads up to %3); the file was not modified")
                    .arg(path)
                    .arg(version)
                    .arg(schemaVersion));
        }
        if (mode == OpenMode::ReadOnly) {
            if (version < schemaVersion)
                throw WorkspaceError(
                    QStringLiteral("%1: workspace schema %2 needs migrating; open it writable once")
                        .arg(path)
                        .arg(version));
            return;
        }
        if (tables == 0) // must precede the first table; larger pages suit ~400-byte events
            m_db.exec("PRAGMA page_size=16384");
        m_db.exec("PRAGMA journal_mode=WAL");
        m_db.exec("PRAGMA synchronous=NORMAL");
        // Foreign keys stay off: import_id is only ever written by ImportSession, and checking it
        // per inserted row costs a lookup per event on the import path.
        if (version < schemaVersion)
            migrate(int(version));
    } catch (const sqlite::Error& error) {
        if (error.code() == 26 /* SQLITE_NOTADB */)
            throw WorkspaceError(
                QStringLiteral("%1: not an Eventscope workspace (not a SQLite file)").arg(path));
        throw WorkspaceError(QStringLiteral("%1: %2").arg(path, error.message()));
    }
}

void Workspace::migrate(int fromVersion)
{
    sqlite::Transaction transaction(m_db);
    for (int v = fromVersion; v < schemaVersion; ++v)
        m_db.exec(migrations[v]);
    m_db.exec("PRAGMA application_id=" + std::to_string(applicationId));
    m_db.exec("PRAGMA user_version=" + std::to_string(schemaVersion));
    transaction.commit();
}

std::vector<ImportRecord> Workspace::imports()
{
    std::vector<ImportRecord> result;
    auto q = m_db.prepare("SELECT id, path, label, format, size_bytes, sha256, imported_at_us, accepted, "
                          "rejected, duplicates, note FROM imports ORDER BY id");
    while (q.step()) {
        ImportRecord r;
        r.id = q.int64(0);
        r.path = q.text(1);
        r.label = q.text(2);
        r.format = q.text(3);
        r.sizeBytes = q.int64(4);
        r.sha256 = q.text(5);
        r.importedAtUs = q.int64(6);
        r.accepted = q.int64(7);
        r.rejected = q.int64(8);
        r.duplicates = q.int64(9);
        r.note = q.text(10);
        result.push_back(std::move(r));
    }
    return result;
}

std::optional<ImportRecord> Workspace::importWithSha256(const QString& sha256)
{
    for (auto& record : imports()) {
        if (record.sha256 == sha256)
            return record;
    }
    return std::nullopt;
}

} // namespace eventscope
