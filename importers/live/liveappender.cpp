#include "liveappender.h"

#include "importsession.h"
#include "livecheckpoint.h"

namespace eventscope::importers::live {

LiveAppender::LiveAppender(Workspace& workspace, QString sourceUrl, QString label, QString kind)
    : m_workspace(workspace), m_url(std::move(sourceUrl)), m_label(std::move(label)), m_kind(std::move(kind))
{}

LiveAppender::Result LiveAppender::append(std::vector<LiveEvent>& events, qint64 lastSourcePosition,
                                          qint64 rejected)
{
    Result result;
    sqlite::Database& db = m_workspace.database();
    if (events.empty() && rejected == 0) {
        // Nothing to add: only the checkpoint moves.
        sqlite::Transaction transaction(db);
        LiveCheckpoint::save(db, m_url, lastSourcePosition);
        transaction.commit();
        return result;
    }
    // Source order: a live log grows at its end, and renumbering by time under a reader that is
    // following it would move what it shows.
    ImportSession session(m_workspace, MergeOrder::Source, IdCheck::Immediate);
    // One provenance record per follow, however many batches it takes: `info` lists a follow as
    // one import.
    if (m_importId == 0) {
        ImportRecord provenance;
        provenance.path = m_url;
        provenance.label = m_label;
        provenance.format = QStringLiteral("live:") + m_kind;
        session.beginSource(provenance);
    } else {
        session.continueSource(m_importId);
    }
    for (LiveEvent& live : events) {
        live.event.source = m_label;
        if (session.add(live.event) == ImportSession::AddResult::Added)
            ++result.added;
        else
            ++result.duplicates;
    }
    session.endSource(rejected, QStringLiteral("followed up to source position %1").arg(lastSourcePosition));
    LiveCheckpoint::save(db, m_url, lastSourcePosition);
    session.commit();
    m_importId = session.importId();
    return result;
}

} // namespace eventscope::importers::live
