#include "drafts.h"

#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>

namespace eventscope::compensation {
namespace {

constexpr const char* selectDrafts = R"sql(
    SELECT id, event_id, stream, type, data, metadata, causation_id, correlation_id, reason, author,
           created_us, expected_version, origin, origin_position, origin_type, status, conflict
    FROM drafts
)sql";

Draft readDraft(const sqlite::Statement& row)
{
    Draft d;
    d.id = row.int64(0);
    d.eventId = row.text(1);
    d.stream = row.text(2);
    d.type = row.text(3);
    d.data = row.bytes(4);
    d.extraMetadata = row.bytes(5);
    d.causationId = row.text(6);
    d.correlationId = row.text(7);
    d.reason = row.text(8);
    d.author = row.text(9);
    d.createdUs = row.int64(10);
    d.expectedVersion = row.int64(11);
    d.origin = row.text(12);
    d.originPosition = row.int64(13);
    d.originType = row.text(14);
    d.status = statusFromName(row.text(15)).value_or(DraftStatus::Draft);
    d.conflict = row.text(16);
    return d;
}

// Nests inside a transaction a caller already holds (an append writes the events and the drafts'
// status together), and is a transaction of its own otherwise.
class Savepoint
{
public:
    explicit Savepoint(sqlite::Database& db) : m_db(db) { m_db.exec("SAVEPOINT drafts"); }
    ~Savepoint()
    {
        if (m_open) {
            try {
                m_db.exec("ROLLBACK TO drafts");
                m_db.exec("RELEASE drafts");
            } catch (const sqlite::Error&) {
            }
        }
    }
    void commit()
    {
        m_db.exec("RELEASE drafts");
        m_open = false;
    }

private:
    sqlite::Database& m_db;
    bool m_open = true;
};

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

void bindUtf8(sqlite::Statement& statement, int index, const QByteArray& text)
{
    statement.bindText(index, {text.constData(), std::size_t(text.size())});
}

// Text columns are NOT NULL: an empty string is stored as '' (bind(QString) makes a null one NULL).
void bindString(sqlite::Statement& statement, int index, const QString& text)
{
    bindUtf8(statement, index, text.toUtf8());
}

} // namespace

Drafts::Drafts(Workspace& workspace) : m_workspace(workspace) {}

std::vector<Draft> Drafts::all()
{
    auto query = m_workspace.database().prepare(std::string(selectDrafts) + " ORDER BY id");
    std::vector<Draft> drafts;
    while (query.step())
        drafts.push_back(readDraft(query));
    return drafts;
}

std::vector<Draft> Drafts::withStatus(DraftStatus status)
{
    auto query = m_workspace.database().prepare(std::string(selectDrafts) + " WHERE status = ? ORDER BY id");
    query.bind(1, statusName(status));
    std::vector<Draft> drafts;
    while (query.step())
        drafts.push_back(readDraft(query));
    return drafts;
}

std::optional<Draft> Drafts::find(qint64 id)
{
    auto query = m_workspace.database().prepare(std::string(selectDrafts) + " WHERE id = ?");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return readDraft(query);
}

std::vector<Draft> Drafts::add(std::vector<Draft> drafts)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    auto insert = db.prepare(R"sql(
        INSERT INTO drafts(event_id, stream, type, data, metadata, causation_id, correlation_id, reason,
                           author, created_us, expected_version, origin, origin_position, origin_type,
                           status, conflict)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', '')
    )sql");
    for (Draft& d : drafts) {
        if (d.eventId.isEmpty())
            d.eventId = newDraftEventId();
        if (d.createdUs == 0)
            d.createdUs = nowUs();
        if (d.author.isEmpty())
            d.author = defaultAuthor();
        d.status = DraftStatus::Draft;
        d.conflict.clear();
        insert.reset();
        bindString(insert, 1, d.eventId);
        bindString(insert, 2, d.stream);
        bindString(insert, 3, d.type);
        bindUtf8(insert, 4, d.data);
        bindUtf8(insert, 5, d.extraMetadata.isEmpty() ? QByteArrayLiteral("{}") : d.extraMetadata);
        bindString(insert, 6, d.causationId);
        bindString(insert, 7, d.correlationId);
        bindString(insert, 8, d.reason);
        bindString(insert, 9, d.author);
        insert.bind(10, d.createdUs).bind(11, d.expectedVersion);
        bindString(insert, 12, d.origin);
        insert.bind(13, d.originPosition);
        bindString(insert, 14, d.originType);
        insert.exec();
        d.id = db.lastInsertRowId();
        if (d.extraMetadata.isEmpty())
            d.extraMetadata = QByteArrayLiteral("{}");
        log(d.id, QStringLiteral("drafted"),
            QStringLiteral("%1 on %2 (%3)")
                .arg(d.type, d.stream, d.origin.isEmpty() ? QStringLiteral("manual") : d.origin),
            d.author);
    }
    transaction.commit();
    return drafts;
}

void Drafts::update(const Draft& draft, const QString& author)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    const auto current = find(draft.id);
    if (!current)
        throw WorkspaceError(QStringLiteral("there is no draft %1").arg(draft.id));
    if (current->status != DraftStatus::Draft)
        throw WorkspaceError(QStringLiteral("draft %1 was %2: it is history now and cannot be edited")
                                 .arg(draft.id)
                                 .arg(statusName(current->status)));
    QStringList changed;
    qint64 expectedVersion = current->expectedVersion;
    if (current->stream != draft.stream) {
        // Another stream: the append must expect where that one ends now.
        expectedVersion = lastVersionOf(draft.stream);
        changed << QStringLiteral("stream (now expecting version %1)").arg(expectedVersion);
    }
    if (current->type != draft.type)
        changed << QStringLiteral("type");
    if (current->data != draft.data)
        changed << QStringLiteral("data");
    if (current->extraMetadata != draft.extraMetadata)
        changed << QStringLiteral("metadata");
    if (current->reason != draft.reason)
        changed << QStringLiteral("reason");
    if (changed.isEmpty())
        return;
    auto statement = db.prepare("UPDATE drafts SET stream = ?, type = ?, data = ?, metadata = ?, reason = ?, "
                                "expected_version = ? WHERE id = ?");
    bindString(statement, 1, draft.stream);
    bindString(statement, 2, draft.type);
    bindUtf8(statement, 3, draft.data);
    bindUtf8(statement, 4, draft.extraMetadata.isEmpty() ? QByteArrayLiteral("{}") : draft.extraMetadata);
    bindString(statement, 5, draft.reason);
    statement.bind(6, expectedVersion).bind(7, draft.id);
    statement.exec();
    log(draft.id, QStringLiteral("edited"), changed.join(QStringLiteral(", ")), author);
    transaction.commit();
}

void Drafts::remove(qint64 id, const QString& author)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    const auto current = find(id);
    if (!current)
        throw WorkspaceError(QStringLiteral("there is no draft %1").arg(id));
    if (current->status != DraftStatus::Draft)
        throw WorkspaceError(QStringLiteral("draft %1 was %2: it is history now and cannot be deleted")
                                 .arg(id)
                                 .arg(statusName(current->status)));
    auto statement = db.prepare("DELETE FROM drafts WHERE id = ?");
    statement.bind(1, id);
    statement.exec();
    log(id, QStringLiteral("deleted"), QStringLiteral("%1 on %2").arg(current->type, current->stream),
        author);
    transaction.commit();
}

qint64 Drafts::lastVersionOf(const QString& stream)
{
    auto query = m_workspace.database().prepare(
        "SELECT max(e.stream_version) FROM events e JOIN streams s ON s.id = e.stream_id WHERE s.name = ?");
    bindString(query, 1, stream);
    return query.step() && !query.isNull(0) ? query.int64(0) : -1;
}

std::vector<Draft> Drafts::rebase(const std::vector<qint64>& ids, const QString& author)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    auto statement = db.prepare("UPDATE drafts SET expected_version = ?, conflict = '' WHERE id = ?");
    std::vector<Draft> rebased;
    for (qint64 id : ids) {
        auto current = find(id);
        if (!current)
            throw WorkspaceError(QStringLiteral("there is no draft %1").arg(id));
        if (current->status == DraftStatus::Appended)
            throw WorkspaceError(QStringLiteral("draft %1 was appended already").arg(id));
        const qint64 now = lastVersionOf(current->stream);
        if (now != current->expectedVersion) {
            statement.reset();
            statement.bind(1, now).bind(2, id);
            statement.exec();
            log(id, QStringLiteral("rebased"),
                QStringLiteral("%1: expected version %2 -> %3")
                    .arg(current->stream)
                    .arg(current->expectedVersion)
                    .arg(now),
                author);
            current->expectedVersion = now;
            current->conflict.clear();
            rebased.push_back(*current);
        }
    }
    transaction.commit();
    return rebased;
}

void Drafts::markExported(const std::vector<qint64>& ids, const QString& detail, const QString& author)
{
    setStatus(ids, DraftStatus::Exported, QStringLiteral("exported"), detail, author);
}

void Drafts::markAppended(const std::vector<qint64>& ids, const QString& detail, const QString& author)
{
    setStatus(ids, DraftStatus::Appended, QStringLiteral("appended"), detail, author);
}

void Drafts::recordConflict(const std::vector<qint64>& ids, const QString& message, const QString& author)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    auto statement = db.prepare("UPDATE drafts SET conflict = ? WHERE id = ? AND status <> 'appended'");
    for (qint64 id : ids) {
        statement.reset();
        bindString(statement, 1, message);
        statement.bind(2, id);
        statement.exec();
        if (db.changes() > 0)
            log(id, QStringLiteral("conflict"), message, author);
    }
    transaction.commit();
}

void Drafts::setStatus(const std::vector<qint64>& ids, DraftStatus status, const QString& action,
                       const QString& detail, const QString& author)
{
    sqlite::Database& db = m_workspace.database();
    Savepoint transaction(db);
    auto statement = db.prepare("UPDATE drafts SET status = ?, conflict = '' WHERE id = ?");
    for (qint64 id : ids) {
        const auto current = find(id);
        if (!current)
            throw WorkspaceError(QStringLiteral("there is no draft %1").arg(id));
        // Exported drafts can still be appended; appended ones are final.
        if (current->status == DraftStatus::Appended)
            throw WorkspaceError(QStringLiteral("draft %1 was appended already").arg(id));
        statement.reset();
        statement
            .bind(1, statusName(status == DraftStatus::Exported && current->status != DraftStatus::Draft
                                    ? current->status
                                    : status))
            .bind(2, id);
        statement.exec();
        log(id, action, detail, author);
    }
    transaction.commit();
}

void Drafts::log(qint64 draftId, const QString& action, const QString& detail, const QString& author)
{
    auto insert = m_workspace.database().prepare(
        "INSERT INTO draft_audit(draft_id, at_us, author, action, detail) VALUES(?, ?, ?, ?, ?)");
    insert.bind(1, draftId).bind(2, nowUs());
    bindString(insert, 3, author.isEmpty() ? defaultAuthor() : author);
    bindString(insert, 4, action);
    bindString(insert, 5, detail);
    insert.exec();
}

std::vector<DraftAuditEntry> Drafts::audit(qint64 draftId)
{
    auto query = m_workspace.database().prepare(
        draftId > 0
            ? "SELECT draft_id, at_us, author, action, detail FROM draft_audit WHERE draft_id = ? ORDER BY id"
            : "SELECT draft_id, at_us, author, action, detail FROM draft_audit ORDER BY id");
    if (draftId > 0)
        query.bind(1, draftId);
    std::vector<DraftAuditEntry> entries;
    while (query.step())
        entries.push_back({query.int64(0), query.int64(1), query.text(2), query.text(3), query.text(4)});
    return entries;
}

} // namespace eventscope::compensation
