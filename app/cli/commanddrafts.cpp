// `draft` and `drafts`: compensating events drafted for events that need correcting, kept in the
// workspace with their status and audit trail.
#include "attachedstore.h"
#include "compensation/compensationrules.h"
#include "compensation/drafter.h"
#include "compensation/draftjson.h"
#include "compensation/drafts.h"
#include "compensation/invariantbreaks.h"
#include "filter/filter.h"
#include "replaycli.h"
#include "sqlite/database.h"
#include "workspace.h"

namespace eventscope::cli {
namespace {

using compensation::Draft;

json::Value draftsJson(const std::vector<Draft>& drafts)
{
    json::Value list = json::Value::array();
    for (const Draft& d : drafts)
        list.append(compensation::draftToJson(d));
    return list;
}

// The events --event, --position and --filter name, in position order, each once.
std::optional<std::vector<Event>> namedEvents(const QCommandLineParser& parser, EventStore& store,
                                              QString& error)
{
    std::vector<qint64> positions;
    for (const QString& id : parser.values(QStringLiteral("event"))) {
        const auto position = store.positionOfId(id);
        if (!position) {
            error = QStringLiteral("the workspace holds no event with id %1").arg(id);
            return std::nullopt;
        }
        positions.push_back(*position);
    }
    for (const QString& text : parser.values(QStringLiteral("position"))) {
        bool ok = false;
        const qint64 position = text.toLongLong(&ok);
        if (!ok || position < 1 || position > store.count()) {
            error = QStringLiteral("position %1 is outside 1..%2").arg(text).arg(store.count());
            return std::nullopt;
        }
        positions.push_back(position);
    }
    for (const QString& source : parser.values(QStringLiteral("filter"))) {
        filter::FilterError filterError;
        const auto compiled = filter::Filter::compile(source, &filterError);
        if (!compiled) {
            error = QStringLiteral("--filter %1: %2").arg(source, filterError.toString());
            return std::nullopt;
        }
        const std::vector<qint64> matching = store.matchingPositions(*compiled);
        positions.insert(positions.end(), matching.begin(), matching.end());
    }
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    std::vector<Event> events;
    for (qint64 position : positions) {
        if (auto event = store.eventAt(position))
            events.push_back(std::move(*event));
    }
    return events;
}

} // namespace

int runDraft(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addOption({QStringLiteral("event"),
                      QStringLiteral("Compensate the event with this id (repeatable)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("position"),
                      QStringLiteral("Compensate the event at this position (repeatable)."),
                      QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("filter"),
         QStringLiteral("Compensate every event this filter expression matches (as in the filter bar)."),
         QStringLiteral("EXPR")});
    parser.addOption({QStringLiteral("violation"),
                      QStringLiteral("Compensate every event after which an invariant of this script stopped "
                                     "holding (the script may declare its own projection)."),
                      QStringLiteral("INVARIANTS.js")});
    parser.addOption(
        {QStringLiteral("rules"),
         QStringLiteral("Compensation rules: compensate(type, (event, state) => [{type, data}]). "
                        "Events of types without a rule are reversed generically."),
         QStringLiteral("RULES.js")});
    parser.addOption(
        {QStringLiteral("reverse"),
         QStringLiteral("The generic reversal for every event (<Type>Reversed, numbers negated); "
                        "the default without --rules.")});
    parser.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why the correction is needed."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("author"),
                      QStringLiteral("Who drafts (default: $EVENTSCOPE_AUTHOR or the login name)."),
                      QStringLiteral("NAME")});
    addReplayOptions(parser);
    const QString usage = QStringLiteral(
        "usage: eventscope-cli draft WORKSPACE (--event ID | --position P | --filter EXPR | --violation "
        "INVARIANTS.js)... [--rules RULES.js | --reverse] [--reason TEXT] [--author NAME]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (!parser.isSet(QStringLiteral("event")) && !parser.isSet(QStringLiteral("position")) &&
             !parser.isSet(QStringLiteral("filter")) && !parser.isSet(QStringLiteral("violation")))
        error =
            QStringLiteral("say which events to compensate: --event, --position, --filter or --violation");
    else if (parser.isSet(QStringLiteral("rules")) && parser.isSet(QStringLiteral("reverse")))
        error = QStringLiteral("--rules and --reverse exclude each other");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error)) {
        err() << "eventscope-cli draft: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("violation")))
        spec.checksScript = parser.value(QStringLiteral("violation"));
    return reportingFailures(QStringLiteral("draft"), [&]() -> int {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        auto events = namedEvents(parser, store, error);
        if (!events) {
            err() << "eventscope-cli draft: " << error << Qt::endl;
            return ExitUsage;
        }
        QStringList notes;
        if (parser.isSet(QStringLiteral("violation"))) {
            replay::ReplaySetup setup(spec);
            replay::ReplayEngine engine(store, setup.projection(), setup.upcaster());
            const auto breaks = compensation::invariantBreaks(engine, setup.checks());
            for (const auto& broken : breaks) {
                notes << QStringLiteral("position %1 (%2): invariant '%3' stopped holding%4")
                             .arg(broken.event.position)
                             .arg(broken.event.type, broken.check,
                                  broken.partition.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" for %1").arg(broken.partition));
                // The event as stored: a draft compensates what is in the log, not its upcasted view.
                if (std::none_of(events->begin(), events->end(),
                                 [&](const Event& e) { return e.position == broken.event.position; }))
                    events->push_back(store.eventAt(broken.event.position).value_or(broken.event));
            }
            std::sort(events->begin(), events->end(),
                      [](const Event& a, const Event& b) { return a.position < b.position; });
            if (breaks.empty())
                notes << QStringLiteral("every invariant holds throughout the log");
        }
        std::unique_ptr<compensation::CompensationRules> rules;
        if (parser.isSet(QStringLiteral("rules"))) {
            script::ScriptOptions options;
            options.timeLimit = spec.scriptTimeLimit;
            rules = compensation::CompensationRules::load(parser.value(QStringLiteral("rules")), options);
        }
        compensation::DraftOptions options;
        options.rules = rules.get();
        options.reason = parser.value(QStringLiteral("reason"));
        options.author = parser.value(QStringLiteral("author"));
        compensation::Drafts drafts(workspace);
        for (const Draft& existing : drafts.withStatus(compensation::DraftStatus::Draft)) {
            if (std::any_of(events->begin(), events->end(),
                            [&](const Event& e) { return e.id == existing.causationId; }))
                notes << QStringLiteral("position %1 already has draft %2 (%3); drafting another")
                             .arg(existing.originPosition)
                             .arg(existing.id)
                             .arg(existing.type);
        }
        compensation::Drafter drafter(store);
        compensation::DraftingResult result = drafter.draft(*events, options);
        notes += result.notes;
        const std::vector<Draft> stored = drafts.add(std::move(result.drafts));
        json::Value report = json::Value::object();
        report.insert("drafts", draftsJson(stored));
        json::Value noteList = json::Value::array();
        for (const QString& note : notes)
            noteList.append(note);
        report.insert("notes", std::move(noteList));
        printJson(report);
        return ExitOk;
    });
}

int runDrafts(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addOption({QStringLiteral("status"), QStringLiteral("Only drafts with this status."),
                      QStringLiteral("draft|exported|appended")});
    parser.addOption(
        {QStringLiteral("audit"), QStringLiteral("Include the audit trail (who did what, when).")});
    parser.addOption({QStringLiteral("delete"),
                      QStringLiteral("Delete this draft (one still in status draft)."),
                      QStringLiteral("ID")});
    parser.addOption(
        {QStringLiteral("rebase"),
         QStringLiteral("After a conflict: make this draft (or all) expect the version its stream ends "
                        "at in the workspace now (repeatable)."),
         QStringLiteral("ID|all")});
    parser.addOption({QStringLiteral("author"), QStringLiteral("Who deletes (default: the login name)."),
                      QStringLiteral("NAME")});
    const QString usage = QStringLiteral(
        "usage: eventscope-cli drafts WORKSPACE [--status draft|exported|appended] [--audit] [--delete ID] "
        "[--rebase ID|all]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    std::optional<compensation::DraftStatus> status;
    if (parser.isSet(QStringLiteral("status"))) {
        status = compensation::statusFromName(parser.value(QStringLiteral("status")));
        if (!status) {
            err() << "eventscope-cli drafts: unknown status '" << parser.value(QStringLiteral("status"))
                  << "'\n"
                  << usage << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.positionalArguments().size() != 1) {
        err() << "eventscope-cli drafts: one workspace is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    return reportingFailures(QStringLiteral("drafts"), [&]() -> int {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        compensation::Drafts drafts(workspace);
        if (parser.isSet(QStringLiteral("delete"))) {
            bool ok = false;
            const qint64 id = parser.value(QStringLiteral("delete")).toLongLong(&ok);
            if (!ok) {
                err() << "eventscope-cli drafts: --delete takes a draft id" << Qt::endl;
                return ExitUsage;
            }
            const QString author = parser.value(QStringLiteral("author"));
            drafts.remove(id, author.isEmpty() ? compensation::defaultAuthor() : author);
        }
        if (parser.isSet(QStringLiteral("rebase"))) {
            std::vector<qint64> ids;
            for (const QString& value : parser.values(QStringLiteral("rebase"))) {
                if (value == QLatin1String("all")) {
                    for (const Draft& d : drafts.all()) {
                        if (d.status != compensation::DraftStatus::Appended)
                            ids.push_back(d.id);
                    }
                    continue;
                }
                bool ok = false;
                ids.push_back(value.toLongLong(&ok));
                if (!ok) {
                    err() << "eventscope-cli drafts: --rebase takes a draft id or all" << Qt::endl;
                    return ExitUsage;
                }
            }
            const QString author = parser.value(QStringLiteral("author"));
            const auto rebased =
                drafts.rebase(ids, author.isEmpty() ? compensation::defaultAuthor() : author);
            err() << "rebased " << rebased.size() << " drafts" << Qt::endl;
        }
        const std::vector<Draft> list = status ? drafts.withStatus(*status) : drafts.all();
        json::Value report = json::Value::object();
        report.insert("drafts", draftsJson(list));
        if (parser.isSet(QStringLiteral("audit"))) {
            json::Value trail = json::Value::array();
            for (const auto& entry : drafts.audit())
                trail.append(compensation::auditToJson(entry));
            report.insert("audit", std::move(trail));
        }
        printJson(report);
        return ExitOk;
    });
}

} // namespace eventscope::cli
