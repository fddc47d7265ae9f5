#include "draftappend.h"

#include "compensation/drafts.h"
#include "compensation/whatif.h"
#include "compensation/workspaceappend.h"
#include "liveerror.h"
#include "pgappend.h"
#include "sqlite/database.h"
#include "timeformat.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace eventscope::importers::live {
namespace {

using compensation::AppendConflictError;
using compensation::Draft;
using compensation::DraftStatus;

// A workspace numbers a stream it does not hold yet from 1 (ImportSession).
constexpr qint64 workspaceFirstVersion = 1;

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

AppendTarget workspaceTarget(const QString& path)
{
    AppendTarget target;
    target.kind = AppendTarget::Kind::Workspace;
    target.path = QFileInfo(path).absoluteFilePath();
    target.display = target.path;
    return target;
}

void checkDrafts(const std::vector<Draft>& drafts)
{
    if (drafts.empty())
        throw DraftAppendError(QStringLiteral("there are no drafts to append"));
    QStringList problems;
    for (const Draft& d : drafts) {
        const QString name = d.id > 0 ? QStringLiteral("draft %1").arg(d.id) : QStringLiteral("a draft");
        if (d.status == DraftStatus::Appended)
            problems << QStringLiteral("%1 was appended already: it is history now").arg(name);
        for (const QString& problem : compensation::draftProblems(d))
            problems << QStringLiteral("%1: %2").arg(name, problem);
    }
    if (!problems.isEmpty())
        throw DraftAppendError(problems.join(QStringLiteral("; ")));
}

std::vector<qint64> idsOf(const std::vector<Draft>& drafts)
{
    std::vector<qint64> ids;
    for (const Draft& d : drafts) {
        if (d.id > 0)
            ids.push_back(d.id);
    }
    return ids;
}

// The drafts with the status `draftsWorkspace` holds now: a draft appended since the caller read
// it must not go twice.
std::vector<Draft> withCurrentStatus(Workspace& draftsWorkspace, std::vector<Draft> drafts)
{
    compensation::Drafts stored(draftsWorkspace);
    for (Draft& d : drafts) {
        if (d.id <= 0)
            continue;
        const auto current = stored.find(d.id);
        if (!current)
            throw DraftAppendError(
                QStringLiteral("there is no draft %1 in %2").arg(d.id).arg(draftsWorkspace.path()));
        d.status = current->status;
    }
    return drafts;
}

QString appendedDetail(const AppendPlan& plan, const PlannedEvent& written)
{
    return QStringLiteral("%1: %2 version %3 at position %4")
        .arg(plan.target.display, written.event.stream)
        .arg(written.event.streamVersion)
        .arg(written.event.position);
}

// Each draft marked appended with where its event went; all or nothing.
void markAppended(Workspace& draftsWorkspace, const AppendPlan& plan, const QString& author)
{
    compensation::Drafts drafts(draftsWorkspace);
    for (const PlannedEvent& written : plan.events) {
        if (written.draftId > 0)
            drafts.markAppended({written.draftId}, appendedDetail(plan, written), author);
    }
}

bool isSameFile(const QString& a, const QString& b)
{
    const QFileInfo first(a);
    const QFileInfo second(b);
    return first.exists() && second.exists() && first.canonicalFilePath() == second.canonicalFilePath();
}

// The positions and versions the workspace gave the events, read inside its transaction.
void readWritten(Workspace& workspace, AppendPlan& plan)
{
    auto query = workspace.database().prepare("SELECT position, stream_version FROM events WHERE id = ?");
    for (PlannedEvent& planned : plan.events) {
        query.reset();
        query.bind(1, planned.event.id);
        if (query.step()) {
            planned.event.position = query.int64(0);
            planned.event.streamVersion = query.int64(1);
        }
    }
}

// Appends to a workspace file; returns whether the drafts were marked appended with the events
// (the target is the drafts' own workspace: one transaction for both).
bool appendToWorkspaceTarget(Workspace& draftsWorkspace, AppendPlan& plan, const std::vector<Draft>& drafts,
                             qint64 timeUs, const QString& author)
{
    if (isSameFile(plan.target.path, draftsWorkspace.path())) {
        compensation::appendToWorkspace(draftsWorkspace, drafts, timeUs, [&] {
            readWritten(draftsWorkspace, plan);
            markAppended(draftsWorkspace, plan, author);
        });
        return true;
    }
    if (!QFileInfo::exists(plan.target.path))
        throw DraftAppendError(QStringLiteral("there is no workspace %1").arg(plan.target.path));
    Workspace target(plan.target.path, Workspace::OpenMode::ExistingOnly);
    const compensation::AppendResult result = compensation::appendToWorkspace(target, drafts, timeUs);
    for (size_t i = 0; i < plan.events.size() && i < result.events.size(); ++i) {
        plan.events[i].event.position = result.events[i].position;
        plan.events[i].event.streamVersion = result.events[i].streamVersion;
    }
    return false;
}

} // namespace

std::optional<AppendTarget> parseAppendTarget(const QString& text, QString* error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, QStringLiteral("no target (a workspace file or a postgresql:// URL)"));
        return std::nullopt;
    }
    if (trimmed.startsWith(QLatin1String("file:"))) {
        const QUrl url(trimmed);
        if (!url.isLocalFile() || url.toLocalFile().isEmpty()) {
            fail(error, QStringLiteral("%1: not a local file URL (file:///path/x.eventscope)").arg(trimmed));
            return std::nullopt;
        }
        return workspaceTarget(url.toLocalFile());
    }
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const bool hasScheme =
        colon > 1 && trimmed.left(colon).contains(QRegularExpression(QStringLiteral("^[a-z][a-z0-9+.-]*$")));
    if (!hasScheme)
        return workspaceTarget(trimmed);
    QString parseError;
    const auto url = SourceUrl::parse(trimmed, &parseError);
    if (!url) {
        fail(error, parseError);
        return std::nullopt;
    }
    if (url->scheme == QLatin1String("postgresql")) {
        AppendTarget target;
        target.kind = AppendTarget::Kind::Postgres;
        target.url = *url;
        target.display = url->canonical();
        return target;
    }
    if (url->scheme == QLatin1String("sqlite") &&
        (url->layout == SourceUrl::Layout::Detect || url->layout == SourceUrl::Layout::Eventscope))
        return workspaceTarget(url->path);
    fail(error,
         QStringLiteral("drafts are appended to a workspace (*.eventscope) or a PostgreSQL store "
                        "(postgresql://...?layout=messagedb|marten|table=...), not to %1")
             .arg(url->scheme == QLatin1String("sqlite")
                      ? QStringLiteral("a SQLite store of layout=%1").arg(SourceUrl::layoutName(url->layout))
                      : url->scheme + QStringLiteral("://")));
    return std::nullopt;
}

AppendPlan planAppend(const QString& target, const std::vector<Draft>& drafts, qint64 timeUs)
{
    QString error;
    const auto parsed = parseAppendTarget(target, &error);
    if (!parsed)
        throw DraftAppendError(error);
    checkDrafts(drafts);
    if (auto conflicts = compensation::inconsistentDrafts(drafts); !conflicts.empty())
        throw AppendConflictError(std::move(conflicts));

    AppendPlan plan;
    plan.target = *parsed;
    std::vector<Event> events;
    if (parsed->kind == AppendTarget::Kind::Postgres) {
        if (const QString refusal = pgAppendRefusal(parsed->url); !refusal.isEmpty())
            throw DraftAppendError(refusal);
        plan.store = SourceUrl::layoutName(parsed->url.layout);
        events = pgEventsForDrafts(parsed->url, drafts, timeUs);
    } else {
        plan.store = QStringLiteral("workspace");
        events = compensation::eventsForDrafts(drafts, timeUs, workspaceFirstVersion);
    }
    QHash<QString, qint64> last;
    for (size_t i = 0; i < drafts.size(); ++i) {
        PlannedEvent planned;
        planned.draftId = drafts[i].id;
        planned.expectedVersion = last.value(drafts[i].stream, drafts[i].expectedVersion);
        planned.event = std::move(events[i]);
        last.insert(drafts[i].stream, planned.event.streamVersion);
        plan.events.push_back(std::move(planned));
    }
    return plan;
}

json::Value appendPlanJson(const AppendPlan& plan)
{
    json::Value report = json::Value::object();
    report.insert("target", plan.target.display);
    report.insert("store", plan.store);
    json::Value events = json::Value::array();
    for (const PlannedEvent& planned : plan.events) {
        const Event& e = planned.event;
        json::Value entry = json::Value::object();
        entry.insert("draft", planned.draftId);
        entry.insert("stream", e.stream);
        entry.insert("expectedVersion", planned.expectedVersion);
        entry.insert("version", e.streamVersion);
        if (e.position > 0)
            entry.insert("position", e.position);
        entry.insert("type", e.type);
        entry.insert("id", e.id);
        entry.insert("time", formatTimestamp(e.timeUs));
        entry.insert("data", json::parse(e.data).value_or(json::Value(QString::fromUtf8(e.data))));
        entry.insert("metadata",
                     json::parse(e.metadata).value_or(json::Value(QString::fromUtf8(e.metadata))));
        events.append(std::move(entry));
    }
    report.insert("events", std::move(events));
    return report;
}

AppendPlan appendDrafts(Workspace& draftsWorkspace, const QString& target, const std::vector<Draft>& given,
                        const QString& author)
{
    // The time a what-if and an export give them: now, or just after the log's last event.
    WorkspaceStore log(draftsWorkspace);
    const qint64 timeUs = compensation::draftTime(log);
    const std::vector<Draft> drafts = withCurrentStatus(draftsWorkspace, given);
    AppendPlan plan;
    bool marked = false;
    try {
        plan = planAppend(target, drafts, timeUs);
        if (plan.target.kind == AppendTarget::Kind::Workspace) {
            marked = appendToWorkspaceTarget(draftsWorkspace, plan, drafts, timeUs, author);
        } else {
            const std::vector<Event> written = appendToPostgres(plan.target.url, drafts, timeUs);
            for (size_t i = 0; i < plan.events.size() && i < written.size(); ++i)
                plan.events[i].event = written[i];
        }
    } catch (const AppendConflictError& conflict) {
        try {
            compensation::Drafts(draftsWorkspace).recordConflict(idsOf(drafts), conflict.message(), author);
        } catch (const std::runtime_error&) {
            // A workspace that cannot record the conflict (read-only) must not hide it from the caller.
        }
        throw;
    } catch (const DraftAppendError&) {
        throw;
    } catch (const LiveError& error) {
        throw DraftAppendError(error.message());
    } catch (const WorkspaceError& error) {
        throw DraftAppendError(QStringLiteral("%1 (nothing was written)").arg(error.message()));
    } catch (const sqlite::Error& error) {
        throw DraftAppendError(QStringLiteral("%1 (nothing was written)").arg(error.message()));
    }
    if (marked)
        return plan;
    // The store has the events now: the drafts must say so, or they would be appended twice.
    try {
        sqlite::Transaction transaction(draftsWorkspace.database());
        markAppended(draftsWorkspace, plan, author);
        transaction.commit();
    } catch (const std::runtime_error& error) {
        throw DraftAppendError(
            QStringLiteral("the events were appended to %1, but the drafts could not be marked "
                           "appended in %2: %3. Do not append them again.")
                .arg(plan.target.display, draftsWorkspace.path(), QString::fromUtf8(error.what())));
    }
    return plan;
}

} // namespace eventscope::importers::live
