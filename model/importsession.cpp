#include "importsession.h"

#include "attachedstore.h"

#include <QDateTime>

namespace eventscope {

namespace {
constexpr const char* loadCacheSize = "PRAGMA cache_size=-131072";
}

ImportSession::ImportSession(Workspace& workspace, MergeOrder order, IdCheck idCheck)
    : m_workspace(workspace), m_db(workspace.database()), m_order(order)
{
    // An attached workspace's events live on the server: events written here would never be seen.
    if (const auto url = attachedStoreUrl(workspace))
        throw WorkspaceError(
            QStringLiteral("%1 reads its events from %2 in place: import or follow into another "
                           "workspace")
                .arg(workspace.path(), *url));
    // A bulk load touches index pages all over the tree (ids are random): a page cache large
    // enough for a few million ids keeps them from spilling to disk mid-transaction. Bounded, so
    // memory stays flat whatever the file size.
    m_db.exec(loadCacheSize);
    m_startedEmpty = m_db.queryInt("SELECT NOT EXISTS(SELECT 1 FROM events)") == 1;
    if (m_startedEmpty)
        useRollbackJournal();
    try {
        begin(idCheck);
    } catch (...) {
        // No destructor runs for a constructor that throws: leave the file in WAL mode here.
        m_transaction.reset();
        restoreWal();
        throw;
    }
}

void ImportSession::begin(IdCheck idCheck)
{
    // In rollback-journal mode a reader holding a shared lock would block the commit; an
    // exclusive transaction keeps readers out of the new workspace until the load is in.
    m_transaction = std::make_unique<sqlite::Transaction>(m_db, m_rollbackJournal
                                                                    ? sqlite::Transaction::Begin::Exclusive
                                                                    : sqlite::Transaction::Begin::Immediate);
    m_nextPosition = m_db.queryInt("SELECT coalesce(max(position), 0) FROM events") + 1;
    m_startedEmpty = m_nextPosition == 1;
    if (!m_startedEmpty)
        m_lastTime = m_db.queryInt("SELECT max(time_us) FROM events");
    else
        dropBulkIndexes();
    m_deferredIds = m_startedEmpty && idCheck == IdCheck::Deferred;
    if (m_deferredIds)
        m_db.exec("DROP INDEX IF EXISTS events_id");
    m_insert = m_db.prepare(
        std::string(
            "INSERT INTO events(position, stream_id, stream_version, type_id, schema_version, time_us, id, "
            "causation_id, correlation_id, content_type, data, raw_data, metadata, import_id, source) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") +
        (m_deferredIds ? "" : " ON CONFLICT(id) DO NOTHING"));
    m_lastVersion = m_db.prepare("SELECT max(stream_version) FROM events WHERE stream_id = ?");
    m_findStream = m_db.prepare("SELECT id FROM streams WHERE name = ?");
    m_insertStream = m_db.prepare("INSERT INTO streams(name) VALUES(?)");
    m_findType = m_db.prepare("SELECT id FROM event_types WHERE name = ?");
    m_insertType = m_db.prepare("INSERT INTO event_types(name) VALUES(?)");
}

ImportSession::~ImportSession()
{
    m_transaction.reset(); // rolls back unless committed
    restoreWal();
}

// Loading into an empty workspace, the rollback journal is much cheaper than WAL: new pages are
// not journaled, while WAL writes every page twice (once more at the checkpoint). Switching needs
// the file to ourselves; when a reader (the GUI) has it open we simply stay in WAL. A killed
// import leaves a hot journal that SQLite rolls back on the next open.
void ImportSession::useRollbackJournal()
{
    try {
        auto q = m_db.prepare("PRAGMA journal_mode=DELETE");
        m_rollbackJournal = q.step() && q.text(0) == QLatin1String("delete");
    } catch (const sqlite::Error&) {
        m_rollbackJournal = false;
    }
}

void ImportSession::restoreWal()
{
    if (!m_rollbackJournal)
        return;
    m_rollbackJournal = false;
    try {
        m_db.exec("PRAGMA journal_mode=WAL");
    } catch (const sqlite::Error&) {
        // Left in rollback mode: Workspace switches it back to WAL the next time it opens.
    }
}

// Into an empty workspace, secondary indexes are cheaper built once after the load than kept up
// to date row by row. The id index stays: it is what dedupes.
void ImportSession::dropBulkIndexes()
{
    m_db.exec("DROP INDEX IF EXISTS events_stream; DROP INDEX IF EXISTS events_type; "
              "DROP INDEX IF EXISTS events_time; DROP INDEX IF EXISTS events_correlation;");
}

void ImportSession::createIndexes()
{
    m_db.exec("CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events(id);"
              "CREATE INDEX IF NOT EXISTS events_stream ON events(stream_id, stream_version);"
              "CREATE INDEX IF NOT EXISTS events_type ON events(type_id);"
              "CREATE INDEX IF NOT EXISTS events_time ON events(time_us);"
              "CREATE INDEX IF NOT EXISTS events_correlation ON events(correlation_id) "
              "WHERE correlation_id IS NOT NULL;");
}

void ImportSession::beginSource(const ImportRecord& provenance)
{
    auto q = m_db.prepare("INSERT INTO imports(path, label, format, size_bytes, sha256, imported_at_us) "
                          "VALUES(?,?,?,?,?,?)");
    q.bind(1, provenance.path)
        .bind(2, provenance.label)
        .bind(3, provenance.format)
        .bind(4, provenance.sizeBytes)
        .bindTextOrNull(5, provenance.sha256)
        .bind(6, provenance.importedAtUs ? provenance.importedAtUs
                                         : QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000);
    q.exec();
    m_importId = m_db.lastInsertRowId();
    m_sourceAdded = 0;
    m_sourceDuplicates = 0;
}

void ImportSession::continueSource(qint64 importId)
{
    auto q = m_db.prepare("SELECT 1 FROM imports WHERE id = ?");
    q.bind(1, importId);
    if (!q.step())
        throw WorkspaceError(
            QStringLiteral("%1: no import %2 to continue").arg(m_workspace.path()).arg(importId));
    m_importId = importId;
    m_sourceAdded = 0;
    m_sourceDuplicates = 0;
}

void ImportSession::endSource(qint64 rejected, const QString& note)
{
    // Counts start at 0 in a new record, so adding serves both a new and a continued one.
    auto q = m_db.prepare("UPDATE imports SET accepted = accepted + ?, rejected = rejected + ?, "
                          "duplicates = duplicates + ?, note = coalesce(?, note) WHERE id = ?");
    q.bind(1, m_sourceAdded)
        .bind(2, rejected)
        .bind(3, m_sourceDuplicates)
        .bindTextOrNull(4, note)
        .bind(5, m_importId);
    q.exec();
}

void ImportSession::setSourceSha256(const QString& sha256)
{
    auto q = m_db.prepare("UPDATE imports SET sha256 = ? WHERE id = ?");
    q.bindTextOrNull(1, sha256).bind(2, m_importId);
    q.exec();
}

// The id of a name in `streams` or `event_types`, added when new.
qint64 ImportSession::nameId(sqlite::Statement& find, sqlite::Statement& insert, const QString& name)
{
    if (!m_startedEmpty) {
        find.bind(1, name);
        const bool found = find.step();
        const qint64 id = found ? find.int64(0) : 0;
        find.reset();
        if (found)
            return id;
    }
    insert.bind(1, name);
    insert.exec();
    return m_db.lastInsertRowId();
}

ImportSession::StreamHandle ImportSession::streamHandle(const QString& stream)
{
    if (const auto it = m_streamHandles.constFind(stream); it != m_streamHandles.constEnd())
        return *it;
    StreamState state;
    state.id = nameId(m_findStream, m_insertStream, stream);
    if (!m_startedEmpty) {
        m_lastVersion.bind(1, state.id);
        if (m_lastVersion.step() && !m_lastVersion.isNull(0))
            state.lastVersion = m_lastVersion.int64(0);
        m_lastVersion.reset();
    }
    m_streams.push_back(state);
    const StreamHandle handle = StreamHandle(m_streams.size()) - 1;
    m_streamHandles.insert(stream, handle);
    return handle;
}

qint64 ImportSession::typeId(const QString& type)
{
    auto it = m_types.constFind(type);
    if (it != m_types.constEnd())
        return *it;
    const qint64 id = nameId(m_findType, m_insertType, type);
    m_types.insert(type, id);
    return id;
}

ImportSession::AddResult ImportSession::add(Event& e)
{
    const StreamHandle stream = streamHandle(e.stream);
    const qint64 type = typeId(e.type);
    return add(e, stream, type);
}

// The UTF-8 of a text in a buffer kept per slot, bound without a copy until the next add(): Qt's
// encoder narrows ASCII (ids are) many characters at a time.
const QByteArray& ImportSession::utf8(int slot, const QString& text)
{
    QByteArray& buffer = m_utf8[size_t(slot)];
    buffer.resize(text.size() * 3);
    const char* end = m_encoder.appendToBuffer(buffer.data(), text);
    buffer.resize(end - buffer.constData());
    return buffer;
}

ImportSession::AddResult ImportSession::add(Event& e, StreamHandle stream, qint64 type)
{
    // An empty metadata object and no metadata are the same thing; keep one spelling.
    if (e.metadata == "{}")
        e.metadata.clear();
    // Versions a source does not give continue from the stream's last one, 1-based.
    StreamState& state = m_streams[size_t(stream)];
    const qint64 version =
        e.streamVersion >= 0 ? e.streamVersion : std::max<qint64>(state.lastVersion, 0) + 1;
    const qint64 position = m_nextPosition;
    m_insert.bind(1, position)
        .bind(2, state.id)
        .bind(3, version)
        .bind(4, type)
        .bind(5, qint64(e.schemaVersion))
        .bind(6, e.timeUs)
        .bindTextOrNull(8, utf8(1, e.causationId))
        .bindTextOrNull(9, utf8(2, e.correlationId))
        .bindTextOrNull(10, utf8(3, e.contentType))
        .bindTextOrNull(11, e.data)
        .bind(14, m_importId)
        .bindTextOrNull(15, utf8(4, e.source));
    if (e.id.isEmpty())
        m_insert.bind(7, e.id); // as it is: NULL, or an empty text
    else
        m_insert.bindTextOrNull(7, utf8(0, e.id));
    if (e.rawData.isEmpty())
        m_insert.bindNull(12);
    else
        m_insert.bindBlob(12, e.rawData);
    m_insert.bindTextOrNull(13, e.metadata);
    m_insert.exec();
    if (m_db.changes() == 0) {
        ++m_duplicates;
        ++m_sourceDuplicates;
        return AddResult::Duplicate; // a duplicate does not advance the stream's counter
    }
    state.lastVersion = std::max(state.lastVersion, version);
    e.position = position;
    e.streamVersion = version;
    ++m_nextPosition;
    ++m_added;
    ++m_sourceAdded;
    if (e.timeUs < m_lastTime)
        m_outOfOrder = true;
    m_lastTime = e.timeUs;
    return AddResult::Added;
}

// Rewrites the table ordered by (time, current position): ties keep source order, and what was
// there before an import comes before what it added at the same instant.
void ImportSession::resequenceByTime()
{
    m_db.exec(R"sql(
        CREATE TABLE events_ordered AS SELECT * FROM events WHERE 0;
        INSERT INTO events_ordered
            SELECT row_number() OVER (ORDER BY time_us, position), stream_id, stream_version, type_id,
                   schema_version, time_us, id, causation_id, correlation_id, content_type, data,
                   raw_data, metadata, import_id, source
            FROM events ORDER BY time_us, position;
        DELETE FROM events;
        INSERT INTO events SELECT * FROM events_ordered ORDER BY position;
        DROP TABLE events_ordered;
    )sql");
}

void ImportSession::commit()
{
    // Index builds (and the resequencing) sort every key. SQLite's sorter sorts runs as large as
    // the page cache in memory: with the load's 128 MB cache, a million keys are merge-sorted
    // through one linked list with a cache miss at every step. Runs of the minimum size (250
    // pages) stay in the CPU caches and are merged from temporary files: the five index builds of
    // 1M events take 3.5-4.3 s instead of 5.9-7.6 s. Worker threads only slowed it down (the
    // other core is busy with the rest of the machine as often as not).
    m_db.exec("PRAGMA cache_size=-4096; PRAGMA threads=0");
    struct RestoreCache
    {
        sqlite::Database& db;
        ~RestoreCache()
        {
            try {
                db.exec(loadCacheSize);
            } catch (const sqlite::Error&) {
                // Only a cache size: the connection works the same with the small one.
            }
        }
    } restoreCache{m_db};
    if (m_order == MergeOrder::Time && m_outOfOrder) {
        if (!m_startedEmpty) {
            // Keeping indexes up to date through a full rewrite is slower than rebuilding them.
            m_db.exec("DROP INDEX IF EXISTS events_id;");
            dropBulkIndexes();
        } else {
            m_db.exec("DROP INDEX IF EXISTS events_id;");
        }
        resequenceByTime();
    }
    if (m_deferredIds) {
        try {
            m_db.exec("CREATE UNIQUE INDEX events_id ON events(id)");
        } catch (const sqlite::Error& error) {
            if ((error.code() & 0xff) == 19 /* SQLITE_CONSTRAINT */)
                throw DeferredDuplicateIds();
            throw;
        }
    }
    createIndexes();
    m_transaction->commit();
    m_transaction.reset();
    restoreWal();
}

} // namespace eventscope
