#include "workspaceappend.h"

#include "importsession.h"
#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>
#include <QHash>

namespace eventscope::compensation {

std::vector<VersionConflict> inconsistentDrafts(const std::vector<Draft>& drafts)
{
    QHash<QString, qint64> expected;
    std::vector<VersionConflict> conflicts;
    for (const Draft& d : drafts) {
        const auto it = expected.constFind(d.stream);
        if (it == expected.cend())
            expected.insert(d.stream, d.expectedVersion);
        else if (it.value() != d.expectedVersion)
            conflicts.push_back({d.stream, d.expectedVersion, it.value(), true});
    }
    return conflicts;
}

AppendResult appendToWorkspace(Workspace& target, const std::vector<Draft>& drafts, qint64 timeUs,
                               const std::function<void()>& beforeCommit)
{
    if (auto conflicts = inconsistentDrafts(drafts); !conflicts.empty())
        throw AppendConflictError(std::move(conflicts));
    ImportSession session(target, MergeOrder::Source);
    sqlite::Database& db = target.database();
    auto lastVersion = db.prepare(
        "SELECT max(e.stream_version) FROM events e JOIN streams s ON s.id = e.stream_id WHERE s.name = ?");
    std::vector<VersionConflict> conflicts;
    QHash<QString, bool> checked;
    for (const Draft& d : drafts) {
        if (checked.contains(d.stream))
            continue;
        checked.insert(d.stream, true);
        lastVersion.reset();
        lastVersion.bind(1, d.stream);
        const qint64 actual = lastVersion.step() && !lastVersion.isNull(0) ? lastVersion.int64(0) : -1;
        if (actual != d.expectedVersion)
            conflicts.push_back({d.stream, d.expectedVersion, actual});
    }
    if (!conflicts.empty())
        throw AppendConflictError(std::move(conflicts));

    ImportRecord provenance;
    provenance.path = target.path();
    provenance.label = QStringLiteral("drafts");
    provenance.format = QStringLiteral("compensation");
    provenance.importedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    session.beginSource(provenance);
    AppendResult result;
    for (const Draft& d : drafts) {
        Event event = d.toEvent(timeUs); // the workspace continues each stream's versions
        if (session.add(event) == ImportSession::AddResult::Duplicate)
            throw WorkspaceError(
                QStringLiteral("%1 already holds an event with id %2 (draft %3): nothing was written")
                    .arg(target.path(), d.eventId)
                    .arg(d.id));
        if (result.firstPosition == 0)
            result.firstPosition = event.position;
        result.lastPosition = event.position;
        result.events.push_back(std::move(event));
    }
    session.endSource(0, QStringLiteral("%1 compensating events").arg(drafts.size()));
    if (beforeCommit)
        beforeCommit();
    session.commit();
    return result;
}

} // namespace eventscope::compensation
