#pragma once

#include "draft.h"

#include <QString>

#include <optional>
#include <vector>

namespace eventscope {
class Workspace;
}

namespace eventscope::compensation {

// One line of a draft's audit trail: who did what to it, when.
struct DraftAuditEntry
{
    qint64 draftId = 0;
    qint64 atUs = 0;
    QString author;
    QString action; // drafted, edited, exported, appended, conflict, deleted
    QString detail; // where it went, what changed, the conflict's message

    bool operator==(const DraftAuditEntry&) const = default;
};

// The compensation drafts of a workspace (tables `drafts` and `draft_audit`), in the order they were
// drafted. Every change is recorded in the audit trail, which outlives a deleted draft. Only a draft
// with status Draft can be edited or deleted: what was exported or appended is history.
class Drafts
{
public:
    explicit Drafts(Workspace& workspace);

    std::vector<Draft> all();
    std::vector<Draft> withStatus(DraftStatus status);
    std::optional<Draft> find(qint64 id);

    // Stores new drafts in one transaction (each gets its id, and an event id when it has none);
    // returns them as stored.
    std::vector<Draft> add(std::vector<Draft> drafts);
    // Replaces a draft's content (stream, type, data, metadata, reason); throws WorkspaceError when
    // it is not a draft any more or does not exist.
    void update(const Draft& draft, const QString& author);
    void remove(qint64 id, const QString& author);
    // After a conflict (or when the log grew): each draft expects the version its stream ends at in
    // this workspace now, its conflict cleared, "rebased" in its audit trail. Returns the drafts
    // that changed. Preview again before appending: what the drafts correct may have moved too.
    std::vector<Draft> rebase(const std::vector<qint64>& ids, const QString& author);

    // After a successful export or append: the status, the audit entry with `detail` (the file and
    // format, or the store), the conflict cleared. All or nothing.
    void markExported(const std::vector<qint64>& ids, const QString& detail, const QString& author);
    void markAppended(const std::vector<qint64>& ids, const QString& detail, const QString& author);
    // A failed append: the draft stays a draft, with the conflict recorded.
    void recordConflict(const std::vector<qint64>& ids, const QString& message, const QString& author);

    // The audit trail of one draft (0: of all drafts), oldest first.
    std::vector<DraftAuditEntry> audit(qint64 draftId = 0);

private:
    void setStatus(const std::vector<qint64>& ids, DraftStatus status, const QString& action,
                   const QString& detail, const QString& author);
    qint64 lastVersionOf(const QString& stream);
    void log(qint64 draftId, const QString& action, const QString& detail, const QString& author);

    Workspace& m_workspace;
};

} // namespace eventscope::compensation
