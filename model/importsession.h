#pragma once

#include "event.h"
#include "workspace.h"

#include <QHash>
#include <QStringEncoder>

#include <array>
#include <memory>
#include <stdexcept>
#include <vector>

namespace eventscope {

// How duplicates of ids are found. Deferred applies to a load into an empty workspace only: the id
// index is built once after the load (far cheaper than keeping a random-keyed index up to date
// row by row); if the load turns out to hold a duplicate id, commit() throws
// DeferredDuplicateIds and the caller redoes the import with Immediate checking.
enum class IdCheck
{
    Immediate,
    Deferred
};

class DeferredDuplicateIds : public std::runtime_error
{
public:
    DeferredDuplicateIds() : std::runtime_error("duplicate ids in a deferred bulk load") {}
};

enum class MergeOrder
{
    Time,  // one timeline ordered by time, ties in source order
    Source // plain source order, appended after what is there
};

// The write side of an import: everything added goes into one transaction, so a cancelled,
// failed or killed import leaves the workspace exactly as it was. Dedupes on event id, assigns
// gap-free positions and missing stream versions, and records provenance.
class ImportSession
{
public:
    ImportSession(Workspace& workspace, MergeOrder order, IdCheck idCheck = IdCheck::Immediate);
    ~ImportSession(); // rolls back unless commit() was called

    ImportSession(const ImportSession&) = delete;
    ImportSession& operator=(const ImportSession&) = delete;

    // Starts the provenance record of one source file; events added after it belong to it.
    void beginSource(const ImportRecord& provenance);
    // Goes on with a record an earlier session began (a live follow writes one batch per session
    // and keeps one record for the whole follow): events added after it belong to it, and
    // endSource() adds this session's counts to the record's. Throws WorkspaceError when the
    // workspace has no such record.
    void continueSource(qint64 importId);
    // Closes the current source's record: adds this source's counts to it and sets the note
    // (an empty note keeps the one there).
    void endSource(qint64 rejected, const QString& note);
    // Sets the current source's SHA-256 when it was not known at beginSource() (an import hashes a
    // file while reading it).
    void setSourceSha256(const QString& sha256);
    // The provenance record events are being added to; 0 before beginSource()/continueSource().
    qint64 importId() const { return m_importId; }

    enum class AddResult
    {
        Added,
        Duplicate
    };
    // The event must have a non-empty id, stream and type.
    AddResult add(Event& event);

    // The same with the stream and type already resolved (an import resolves each name once, on
    // its reader thread, so that the writing thread only binds and steps): a handle from
    // streamHandle() and an id from typeId(); the event's stream and type texts are not read.
    using StreamHandle = qsizetype;
    StreamHandle streamHandle(const QString& stream);
    qint64 typeId(const QString& type);
    AddResult add(Event& event, StreamHandle stream, qint64 type);

    qint64 added() const { return m_added; }
    qint64 duplicates() const { return m_duplicates; }
    qint64 sourceAdded() const { return m_sourceAdded; }
    qint64 sourceDuplicates() const { return m_sourceDuplicates; }

    // Renumbers positions by time where needed, rebuilds indexes, commits.
    void commit();

private:
    void begin(IdCheck idCheck);
    void useRollbackJournal();
    void restoreWal();
    void dropBulkIndexes();
    void createIndexes();
    void resequenceByTime();
    struct StreamState
    {
        qint64 id = 0;
        qint64 lastVersion = -1;
    };
    qint64 nameId(sqlite::Statement& find, sqlite::Statement& insert, const QString& name);
    const QByteArray& utf8(int slot, const QString& text);

    Workspace& m_workspace;
    sqlite::Database& m_db;
    std::unique_ptr<sqlite::Transaction> m_transaction;
    sqlite::Statement m_insert;
    sqlite::Statement m_lastVersion;
    sqlite::Statement m_findStream;
    sqlite::Statement m_insertStream;
    sqlite::Statement m_findType;
    sqlite::Statement m_insertType;
    MergeOrder m_order;
    bool m_startedEmpty = false;
    bool m_rollbackJournal = false;
    bool m_deferredIds = false;
    bool m_outOfOrder = false;
    qint64 m_nextPosition = 1;
    qint64 m_lastTime = std::numeric_limits<qint64>::min();
    qint64 m_importId = 0;
    qint64 m_added = 0;
    qint64 m_duplicates = 0;
    qint64 m_sourceAdded = 0;
    qint64 m_sourceDuplicates = 0;
    QHash<QString, StreamHandle> m_streamHandles;
    std::vector<StreamState> m_streams; // by handle
    QHash<QString, qint64> m_types;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringConverter::Flag::Stateless};
    std::array<QByteArray, 5> m_utf8; // see utf8()
};

} // namespace eventscope
