#pragma once

#include "compensation/appendconflict.h"
#include "compensation/draft.h"
#include "event.h"
#include "sourceurl.h"
#include "json/jsonvalue.h"

#include <QString>

#include <optional>
#include <stdexcept>
#include <vector>

namespace eventscope {
class Workspace;
}

namespace eventscope::importers::live {

// Appending compensation drafts to a store: the one entry point of `eventscope-cli append` and of
// the window's confirmation dialog. First the plan (what will be written, where), then the append
// (all or nothing, each stream's expected version checked inside the store's transaction), then
// the drafts marked appended or, on a conflict, left drafts with the conflict recorded.

// Why drafts cannot be appended (their status, their content, the target) or why the store
// failed; nothing was written, unless the message says otherwise.
class DraftAppendError : public std::runtime_error
{
public:
    explicit DraftAppendError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromUtf8(what()); }
};

// Where drafts go, as the user named it.
struct AppendTarget
{
    enum class Kind
    {
        Workspace, // an Eventscope workspace file
        Postgres   // a PostgreSQL store (Message DB, Marten, a mapped table)
    };
    Kind kind = Kind::Workspace;
    QString path;    // Workspace: absolute
    SourceUrl url;   // Postgres
    QString display; // the path, or the URL in its canonical spelling (a URL never holds a password)
};

// TARGET forms: a workspace path (`*.eventscope`), `file:///path`, `sqlite:///path.eventscope`,
// `postgresql://user@host:port/db?layout=messagedb|marten` or `?table=...&version=...`.
std::optional<AppendTarget> parseAppendTarget(const QString& text, QString* error);

// One event of an append, as it will be (or was) written.
struct PlannedEvent
{
    qint64 draftId = 0;
    // The stream version the store must be at just before this event (-1: the stream has no
    // event): the first draft's expected version, then the version of the event before it.
    qint64 expectedVersion = -1;
    // The event: streamVersion = the version it gets in the target; position = where it went
    // (0 in a plan: the store assigns it).
    Event event;
};

struct AppendPlan
{
    AppendTarget target;
    QString store; // "workspace", "messagedb", "marten", "table"
    std::vector<PlannedEvent> events;
};

// What appending `drafts` (in order) to `target` writes, exactly, and where, without writing or
// connecting. Throws DraftAppendError for drafts that cannot go (none, appended already, missing a
// stream or type, data that is not a JSON object) or a target that is not one, and
// compensation::AppendConflictError when drafts of one stream expect different versions.
AppendPlan planAppend(const QString& target, const std::vector<compensation::Draft>& drafts, qint64 timeUs);

// {"target", "store", "events": [{"draft", "stream", "expectedVersion", "version", "position",
// "type", "id", "time", "data", "metadata"}]}; "position" only once written.
json::Value appendPlanJson(const AppendPlan& plan);

// Appends the events of `drafts` (kept in `draftsWorkspace`) to `target`, then marks the drafts
// appended there with the target and the versions and positions written, by `author`. A
// workspace target that is `draftsWorkspace`'s own file gets the events and the marks in one
// transaction. The drafts' status is read again from `draftsWorkspace`: only drafts (and exported
// ones) go. Returns the plan as written (positions set).
// Throws compensation::AppendConflictError when a stream moved (nothing written; the conflict
// recorded on the drafts, which stay drafts) and DraftAppendError for anything else.
AppendPlan appendDrafts(Workspace& draftsWorkspace, const QString& target,
                        const std::vector<compensation::Draft>& drafts, const QString& author);

} // namespace eventscope::importers::live
