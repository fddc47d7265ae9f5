#include "liveappender.h"

#include "importsession.h"
#include "livecheckpoint.h"

namespace eventscope::importers::live {

LiveAppender::LiveAppender(Workspace& workspace, QString sourceUrl, QString label, QString kind)
    : m_workspace(workspace), m_url(std::move(sourceUrl)), m_label(std::move(label)), m_kind(std::move(kind))
{}

// ImportSession records one provenance row per source it is given, and a follow gives one per
// batch: keep a single row per follow instead (counts summed, events pointing at it), so that
// `info` lists a follow as one import however many batches it took.
void LiveAppender::foldIntoFollowRecord(qint64 batchImportId, qint64 firstAdded, const Result& result,
                                        qint64 rejected, qint64 lastSourcePosition)
{
    sqlite::Database& db = m_workspace.database();
    const QString note = QStringLiteral("followed up to source position %1").arg(lastSourcePosition);
    if (m_importId == 0) {
        auto q = db.prepare("UPDATE imports SET note = ? WHERE id = ?");
        q.bind(1, note).bind(2, batchImportId);
        q.exec();
        return;
    }
    if (firstAdded > 0) {
        auto q = db.prepare("UPDATE events SET import_id = ? WHERE position >= ? AND import_id = ?");
        q.bind(1, m_importId).bind(2, firstAdded).bind(3, batchImportId);
        q.exec();
    }
    auto update = db.prepare("UPDATE imports SET accepted = accepted + ?, rejected = rejected + ?, "
                             "duplicates = duplicates + ?, note = ? WHERE id = ?");
    update.bind(1, result.added)
        .bind(2, rejected)
        .bind(3, result.duplicates)
        .bind(4, note)
        .bind(5, m_importId);
    update.exec();
    auto remove = db.prepare("DELETE FROM imports WHERE id = ?");
    remove.bind(1, batchImportId);
    remove.exec();
}

LiveAppender::Result LiveAppender::append(std::vector<LiveEvent>& events, qint64 lastSourcePosition,
                                          qint64 rejected)
{
    Result result;
    sqlite::Database& db = m_workspace.database();
    if (events.empty()) {
        // Only bad rows were passed: the checkpoint still moves past them.
        sqlite::Transaction transaction(db);
        LiveCheckpoint::save(db, m_url, lastSourcePosition);
        if (m_importId != 0 && rejected > 0) {
            auto q = db.prepare("UPDATE imports SET rejected = rejected + ? WHERE id = ?");
            q.bind(1, rejected).bind(2, m_importId);
            q.exec();
        }
        transaction.commit();
        return result;
    }
    // Source order: a live log grows at its end, and renumbering by time under a reader that is
    // following it would move what it shows.
    ImportSession session(m_workspace, MergeOrder::Source, IdCheck::Immediate);
    ImportRecord provenance;
    provenance.path = m_url;
    provenance.label = m_label;
    provenance.format = QStringLiteral("live:") + m_kind;
    session.beginSource(provenance);
    const qint64 batchImportId = db.lastInsertRowId();
    qint64 firstAdded = 0;
    for (LiveEvent& live : events) {
        live.event.source = m_label;
        if (session.add(live.event) == ImportSession::AddResult::Added) {
            ++result.added;
            if (firstAdded == 0)
                firstAdded = live.event.position;
        } else {
            ++result.duplicates;
        }
    }
    session.endSource(rejected, {});
    foldIntoFollowRecord(batchImportId, firstAdded, result, rejected, lastSourcePosition);
    LiveCheckpoint::save(db, m_url, lastSourcePosition);
    session.commit();
    if (m_importId == 0)
        m_importId = batchImportId;
    return result;
}

} // namespace eventscope::importers::live
