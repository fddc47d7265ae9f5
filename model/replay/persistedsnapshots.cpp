#include "persistedsnapshots.h"

#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>

namespace eventscope::replay {
namespace {

QByteArray encode(const ProjectionState& state)
{
    json::Value both = json::Value::object();
    both.insert("global", state.global);
    both.insert("partitions", state.partitions);
    return qCompress(json::toJson(both), 1);
}

std::optional<ProjectionState> decode(const QByteArray& blob)
{
    const QByteArray text = qUncompress(blob);
    const auto both = json::parse(text);
    if (!both || !both->isObject())
        return std::nullopt;
    return ProjectionState{(*both)["global"], (*both)["partitions"]};
}

} // namespace

PersistedSnapshots::PersistedSnapshots(Workspace& workspace, QString projectionKey)
    : m_workspace(workspace), m_projectionKey(std::move(projectionKey))
{}

QString PersistedSnapshots::logFingerprint(Workspace& workspace)
{
    sqlite::Database& db = workspace.database();
    return QStringLiteral("%1:%2").arg(db.queryInt("SELECT count(*) FROM events")).arg(db.queryInt("SELECT coalesce(max(id), 0) FROM imports"));
}

int PersistedSnapshots::loadInto(ReplayEngine& engine)
{
    auto q = m_workspace.database().prepare(
        "SELECT position, state FROM snapshots WHERE projection = ? AND log = ? ORDER BY position");
    q.bind(1, m_projectionKey).bind(2, logFingerprint(m_workspace));
    int loaded = 0;
    while (q.step()) {
        // A damaged row is skipped: it only costs the folding it would have saved.
        if (auto state = decode(q.bytes(1))) {
            engine.adoptSnapshot(q.int64(0), *state);
            ++loaded;
        }
    }
    return loaded;
}

int PersistedSnapshots::saveFrom(const ReplayEngine& engine, int limit)
{
    std::vector<const SnapshotCache::Snapshot*> candidates;
    for (const SnapshotCache::Snapshot* snapshot : engine.snapshots().all()) {
        if (snapshot->position > 0)
            candidates.push_back(snapshot);
    }
    std::vector<const SnapshotCache::Snapshot*> chosen;
    if (int(candidates.size()) <= limit) {
        chosen = candidates;
    } else {
        for (int i = 1; i <= limit; ++i)
            chosen.push_back(candidates[size_t(qint64(candidates.size()) * i / limit - 1)]);
    }
    sqlite::Database& db = m_workspace.database();
    sqlite::Transaction transaction(db, sqlite::Transaction::Begin::Immediate);
    auto clear = db.prepare("DELETE FROM snapshots WHERE projection = ?");
    clear.bind(1, m_projectionKey);
    clear.exec();
    auto insert = db.prepare(
        "INSERT INTO snapshots(projection, log, position, state, created_us) VALUES (?, ?, ?, ?, ?)");
    const QString log = logFingerprint(m_workspace);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    for (const SnapshotCache::Snapshot* snapshot : chosen) {
        const QByteArray blob = encode(snapshot->state);
        insert.bind(1, m_projectionKey).bind(2, log).bind(3, snapshot->position).bindBlob(4, blob).bind(5, now);
        insert.step();
        insert.reset();
    }
    transaction.commit();
    return int(chosen.size());
}

} // namespace eventscope::replay
