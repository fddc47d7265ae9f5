// `append`: the workspace's pending compensation drafts appended to a store (another workspace, the
// same one, or PostgreSQL), each stream's expected version checked inside the store's transaction;
// a conflict writes nothing and is recorded on the drafts.
#include "compensation/drafts.h"
#include "draftappend.h"
#include "replaycli.h"
#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace eventscope::cli {
namespace {

const char* usage =
    "usage: eventscope-cli append WORKSPACE --drafts --to TARGET [--id N ...] [--author NAME]\n"
    "       [--dry-run]";

const char* targetHelp =
    "Where the events go:\n"
    "  PATH.eventscope, file:///PATH, sqlite:///PATH  a workspace (this one or another)\n"
    "  postgresql://user@host:5432/db?layout=messagedb  Message DB, through message_store.write_message\n"
    "  postgresql://user@host/db?layout=marten[&schema=S]  Marten's mt_events and mt_streams\n"
    "  postgresql://user@host/db?table=T&position=C&stream=C&type=C&time=C&version=C[&data=C\n"
    "      &metadata=C&id=C&time_unit=s|ms|us]     a table through a mapping (version= is needed)\n"
    "The password comes from PGPASSWORD or ~/.pgpass, never the URL.";

// The drafts --id names (all pending ones without it), in the order they were drafted.
std::optional<std::vector<compensation::Draft>> chooseDrafts(compensation::Drafts& stored,
                                                             const QStringList& ids, QString& error)
{
    std::vector<compensation::Draft> chosen;
    if (ids.isEmpty()) {
        for (compensation::Draft& d : stored.all()) {
            if (d.status != compensation::DraftStatus::Appended)
                chosen.push_back(std::move(d));
        }
        return chosen;
    }
    QSet<qint64> wanted;
    for (const QString& text : ids) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id < 1) {
            error = QStringLiteral("--id takes a draft id (a positive integer), not '%1'").arg(text);
            return std::nullopt;
        }
        wanted.insert(id);
    }
    for (compensation::Draft& d : stored.all()) {
        if (!wanted.remove(d.id))
            continue;
        if (d.status == compensation::DraftStatus::Appended) {
            error = QStringLiteral("draft %1 was appended already: it is history now").arg(d.id);
            return std::nullopt;
        }
        chosen.push_back(std::move(d));
    }
    if (!wanted.isEmpty()) {
        QList<qint64> missing = wanted.values();
        std::sort(missing.begin(), missing.end());
        QStringList names;
        for (qint64 id : missing)
            names << QString::number(id);
        error = QStringLiteral("no draft %1 in the workspace").arg(names.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return chosen;
}

int failure(const QString& message)
{
    err() << "eventscope-cli append: " << message << Qt::endl;
    return ExitFailure;
}

} // namespace

int runAppend(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope) that keeps the drafts."));
    parser.addOption(
        {QStringLiteral("drafts"), QStringLiteral("Append the workspace's compensation drafts.")});
    parser.addOption({QStringLiteral("to"), QString::fromLatin1(targetHelp), QStringLiteral("TARGET")});
    parser.addOption({QStringLiteral("id"),
                      QStringLiteral("Only this draft (repeatable). Default: every draft not appended yet "
                                     "(status draft or exported)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("author"),
         QStringLiteral("Who appends, for the drafts' audit trail (default: $EVENTSCOPE_AUTHOR or "
                        "the login name)."),
         QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Print what would be written, and where, and write nothing.")});
    if (const int code = parseArguments(parser, arguments, QString::fromLatin1(usage)); code >= 0)
        return code;
    QString error;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (!parser.isSet(QStringLiteral("drafts")))
        error = QStringLiteral("--drafts is needed (the drafts are what append writes)");
    else if (!parser.isSet(QStringLiteral("to")))
        error = QStringLiteral("--to TARGET is needed");
    else
        importers::live::parseAppendTarget(parser.value(QStringLiteral("to")), &error);
    if (!error.isEmpty()) {
        err() << "eventscope-cli append: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    const QString target = parser.value(QStringLiteral("to"));
    const QString author = parser.isSet(QStringLiteral("author")) ? parser.value(QStringLiteral("author"))
                                                                  : compensation::defaultAuthor();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    try {
        Workspace workspace(parser.positionalArguments().first(),
                            dryRun ? Workspace::OpenMode::ReadOnly : Workspace::OpenMode::ExistingOnly);
        compensation::Drafts stored(workspace);
        const auto drafts = chooseDrafts(stored, parser.values(QStringLiteral("id")), error);
        if (!drafts) {
            err() << "eventscope-cli append: " << error << Qt::endl;
            return ExitUsage;
        }
        if (drafts->empty()) {
            err() << "eventscope-cli append: no drafts to append in " << workspace.path()
                  << " (eventscope-cli drafts lists them)" << Qt::endl;
            return ExitUsage;
        }
        if (dryRun) {
            json::Value report = importers::live::appendPlanJson(
                importers::live::planAppend(target, *drafts, QDateTime::currentMSecsSinceEpoch() * 1000));
            report.insert("dryRun", true);
            printJson(report);
            err() << "dry run: nothing was written" << Qt::endl;
            return ExitOk;
        }
        const importers::live::AppendPlan written =
            importers::live::appendDrafts(workspace, target, *drafts, author);
        printJson(importers::live::appendPlanJson(written));
        err() << "appended " << written.events.size() << (written.events.size() == 1 ? " event" : " events")
              << " to " << written.target.display << Qt::endl;
    } catch (const compensation::AppendConflictError& conflict) {
        err() << "eventscope-cli append: wrong expected version, nothing was written:\n";
        for (const compensation::VersionConflict& c : conflict.conflicts())
            err() << "  " << c.message() << '\n';
        if (dryRun)
            err() << "the drafts of one stream must expect the same version" << Qt::endl;
        else
            err() << "the conflict is recorded on the drafts (eventscope-cli drafts shows it); draft again "
                     "from "
                     "the current state of the streams"
                  << Qt::endl;
        return ExitFailure;
    } catch (const importers::live::DraftAppendError& e) {
        return failure(e.message());
    } catch (const WorkspaceError& e) {
        return failure(e.message());
    } catch (const sqlite::Error& e) {
        return failure(e.message());
    }
    return ExitOk;
}

} // namespace eventscope::cli
