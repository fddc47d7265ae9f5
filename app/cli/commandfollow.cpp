#include "cli.h"

#include "liveerror.h"
#include "livefollower.h"
#include "livesources.h"
#include "pglivesource.h"
#include "sourceurl.h"
#include "stopsignal.h"
#include "timeformat.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <csignal>

namespace eventscope::cli {

namespace {

importers::live::StopSignal* activeStop = nullptr;

void onStopSignal(int)
{
    if (activeStop)
        activeStop->requestFromSignalHandler();
}

const char* usage =
    "usage: eventscope-cli follow WORKSPACE --source URL [--from POSITION] [--until-caught-up]\n"
    "       [--batch-size N] [--skip-bad-rows] [--install-trigger]\n"
    "       eventscope-cli follow --source postgresql://... --show-trigger-sql";

const char* sourceHelp =
    "The store to follow:\n"
    "  sqlite:///path/file.db?layout=eventsourcing   the Python eventsourcing library's stored_events\n"
    "  sqlite:///path/other.eventscope                another workspace (layout detected)\n"
    "  sqlite:///path/file.db?table=T&position=C&stream=C&type=C&time=C[&data=C&metadata=C&id=C\n"
    "      &version=C&time_unit=s|ms|us]              any table through a mapping (position: rowid\n"
    "                                                 when not given)\n"
    "  postgresql://user@host:5432/db?layout=messagedb[&category=C][&sslmode=M]\n"
    "                                                 Message DB (password: PGPASSWORD or ~/.pgpass)\n"
    "  postgresql://user@host/db?layout=marten[&schema=S][&category=C][&sslmode=M]\n"
    "                                                 Marten's mt_events (category: the aggregate type)\n"
    "  postgresql://user@host/db?table=T&position=C&stream=C&type=C&time=C[&data=C&metadata=C&id=C\n"
    "      &version=C&time_unit=s|ms|us][&sslmode=M]  any table through a mapping\n"
    "  nats://host:4222?stream=S[&subjects=orders.>][&subject_stream=orders.<id>.>[&category=C]]\n"
    "                                                 a NATS JetStream stream";

// One line per batch at most once a second, and one on every change of state: enough to watch
// a follow, never a flood.
class StatusPrinter
{
public:
    StatusPrinter() { m_sinceLine.start(); }

    void print(const importers::live::LiveStatus& status)
    {
        using importers::live::LiveState;
        const bool stateChanged = status.state != m_lastState || status.message != m_lastMessage;
        const bool progressed = status.appended + status.duplicates + status.rejected != m_lastCount ||
                                status.position != m_lastPosition;
        if (!stateChanged && (!progressed || m_sinceLine.elapsed() < 1000))
            return;
        if (status.state == LiveState::Stopped || status.state == LiveState::Error)
            return; // the summary says it
        QString line = importers::live::stateName(status.state);
        if (status.state != LiveState::Connecting) {
            line += QStringLiteral(": position %1, head %2, lag %3; appended %4 (+%5)")
                        .arg(status.position)
                        .arg(status.head)
                        .arg(status.lag())
                        .arg(status.appended)
                        .arg(status.appended - m_lastAppended);
            if (status.duplicates > 0)
                line += QStringLiteral(", duplicates %1").arg(status.duplicates);
            if (status.rejected > 0)
                line += QStringLiteral(", rejected %1").arg(status.rejected);
            if (status.lastEventTimeUs != 0)
                line += QStringLiteral(", last event at %1").arg(formatTimestamp(status.lastEventTimeUs));
        }
        if (!status.message.isEmpty())
            line += QStringLiteral(" (%1)").arg(status.message);
        err() << line << Qt::endl;
        m_lastState = status.state;
        m_lastMessage = status.message;
        m_lastCount = status.appended + status.duplicates + status.rejected;
        m_lastAppended = status.appended;
        m_lastPosition = status.position;
        m_sinceLine.restart();
    }

private:
    QElapsedTimer m_sinceLine;
    importers::live::LiveState m_lastState = importers::live::LiveState::Stopped;
    QString m_lastMessage;
    qint64 m_lastCount = -1;
    qint64 m_lastAppended = 0;
    qint64 m_lastPosition = -1;
};

// The workspace being the source itself would append its own events to itself forever.
bool isSameFile(const QString& workspacePath, const importers::live::SourceUrl& url)
{
    const QFileInfo workspace(workspacePath);
    const QFileInfo source(url.path);
    return workspace.exists() && source.exists() &&
           workspace.canonicalFilePath() == source.canonicalFilePath();
}

// The trigger's SQL for a PostgreSQL source, shown before anything is installed.
int showTriggerSql(const QCommandLineParser& parser)
{
    QString error;
    const auto url = importers::live::SourceUrl::parse(parser.value(QStringLiteral("source")), &error);
    if (!url) {
        err() << "eventscope-cli follow: --source: "
              << (error.isEmpty() ? QStringLiteral("--source URL is needed") : error) << Qt::endl;
        return ExitUsage;
    }
    if (url->scheme != QLatin1String("postgresql")) {
        err() << "eventscope-cli follow: --show-trigger-sql: only PostgreSQL sources have a NOTIFY trigger "
                 "(this is "
              << url->scheme << "://)" << Qt::endl;
        return ExitUsage;
    }
    const importers::live::PgLiveSource source(*url);
    out() << "-- Lets `eventscope-cli follow` wake on each commit to " << source.tableName()
          << " instead of polling.\n-- Run it as the table's owner, or: eventscope-cli follow WORKSPACE "
             "--source URL "
             "--install-trigger\n"
          << QString::fromUtf8(source.triggerSql()) << Qt::flush;
    return ExitOk;
}

} // namespace

int runFollow(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope); created if missing."));
    parser.addOption({QStringLiteral("source"), QString::fromLatin1(sourceHelp), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("Read from this source position on (inclusive). Default: after what the "
                                     "workspace already holds from this source, or from the start."),
                      QStringLiteral("POSITION")});
    parser.addOption({QStringLiteral("until-caught-up"),
                      QStringLiteral("Stop once everything the source holds has been appended, instead of "
                                     "following it until interrupted.")});
    parser.addOption({QStringLiteral("batch-size"),
                      QStringLiteral("Events per batch; each batch is one transaction (default: 1000, and up "
                                     "to 16000 while catching up)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("show-trigger-sql"),
         QStringLiteral("PostgreSQL: print the SQL of the trigger that lets a follow wake on NOTIFY "
                        "instead of polling, and exit.")});
    parser.addOption(
        {QStringLiteral("install-trigger"),
         QStringLiteral("PostgreSQL: install that trigger on the events table (it needs the table "
                        "owner's rights), then follow.")});
    parser.addOption({QStringLiteral("skip-bad-rows"),
                      QStringLiteral("Report rows that cannot be read and go on past them (default: stop at "
                                     "the first, appending nothing of its batch).")});
    if (const int code = parseArguments(parser, arguments, QString::fromLatin1(usage)); code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("show-trigger-sql")))
        return showTriggerSql(parser);
    if (positional.size() != 1) {
        err() << "eventscope-cli follow: one workspace is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    if (!parser.isSet(QStringLiteral("source"))) {
        err() << "eventscope-cli follow: --source URL is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    QString error;
    const auto url = importers::live::SourceUrl::parse(parser.value(QStringLiteral("source")), &error);
    if (!url) {
        err() << "eventscope-cli follow: --source: " << error << Qt::endl;
        return ExitUsage;
    }
    importers::live::FollowOptions options;
    if (parser.isSet(QStringLiteral("from"))) {
        bool ok = false;
        options.fromPosition = parser.value(QStringLiteral("from")).toLongLong(&ok);
        if (!ok || *options.fromPosition < 1) {
            err() << "eventscope-cli follow: --from takes a source position, 1 or more" << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("batch-size"))) {
        bool ok = false;
        options.batchSize = parser.value(QStringLiteral("batch-size")).toInt(&ok);
        if (!ok || options.batchSize < 1) {
            err() << "eventscope-cli follow: --batch-size takes a positive integer" << Qt::endl;
            return ExitUsage;
        }
    } else
        options.maxBatchSize = 16000; // catching up in bigger transactions, following in batches of 1000
    options.untilCaughtUp = parser.isSet(QStringLiteral("until-caught-up"));
    options.skipBadRows = parser.isSet(QStringLiteral("skip-bad-rows"));
    if (parser.isSet(QStringLiteral("install-trigger")) && url->scheme != QLatin1String("postgresql")) {
        err() << "eventscope-cli follow: --install-trigger: only PostgreSQL sources have a NOTIFY trigger"
              << Qt::endl;
        return ExitUsage;
    }
    const QString workspacePath = positional.first();
    if (isSameFile(workspacePath, *url)) {
        err() << "eventscope-cli follow: the source is the workspace itself" << Qt::endl;
        return ExitUsage;
    }

    importers::live::StopSignal stop;
    activeStop = &stop;
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    const bool workspaceExisted = QFileInfo::exists(workspacePath);
    importers::live::FollowReport report;
    QString sourceUrl;
    try {
        auto source = importers::live::createLiveSource(*url);
        auto* postgres = dynamic_cast<importers::live::PgLiveSource*>(source.get());
        if (postgres && parser.isSet(QStringLiteral("install-trigger"))) {
            try {
                postgres->installTrigger();
            } catch (const importers::live::LiveError& installError) {
                activeStop = nullptr;
                err() << "eventscope-cli follow: --install-trigger: " << installError.message() << Qt::endl;
                return ExitFailure;
            }
            err() << "installed trigger eventscope_notify_append on " << postgres->tableName()
                  << " (NOTIFY eventscope_append after each INSERT; --show-trigger-sql shows its SQL)"
                  << Qt::endl;
        }
        Workspace workspace(workspacePath);
        importers::live::LiveFollower follower(workspace, *source, options);
        StatusPrinter printer;
        qint64 issues = 0;
        follower.onStatus = [&](const importers::live::LiveStatus& status) { printer.print(status); };
        follower.onIssue = [&](const importers::live::LiveIssue& issue, bool isError) {
            if (++issues <= 100)
                err() << source->label() << ": " << issue.place << ": " << (isError ? "" : "warning: ")
                      << issue.reason << Qt::endl;
        };
        follower.onStart = [&](qint64 startedAfter, bool resumed) {
            if (postgres && postgres->listening())
                err() << "waking on NOTIFY eventscope_append (trigger on " << postgres->tableName() << ")"
                      << Qt::endl;
            else if (postgres)
                err()
                    << "polling " << postgres->tableName()
                    << " (up to every 250 ms; --show-trigger-sql shows a trigger that wakes a follow at once)"
                    << Qt::endl;
            if (resumed)
                err() << "resuming " << source->url() << " after source position " << startedAfter
                      << Qt::endl;
            else if (startedAfter > 0)
                err() << "reading " << source->url() << " from source position " << startedAfter + 1
                      << Qt::endl;
        };
        report = follower.run(stop);
        sourceUrl = source->url();
    } catch (const WorkspaceError& workspaceError) {
        activeStop = nullptr;
        err() << "eventscope-cli: " << workspaceError.message() << Qt::endl;
        return ExitFailure;
    } catch (const importers::live::LiveError& liveError) {
        activeStop = nullptr;
        err() << "eventscope-cli follow: " << liveError.message() << Qt::endl;
        return ExitUsage;
    }
    activeStop = nullptr;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    const auto& status = report.status;
    // A follow that failed before appending anything to a workspace it created leaves no file.
    if (!workspaceExisted && report.outcome == importers::live::FollowReport::Outcome::Failed &&
        status.appended == 0) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(workspacePath + QLatin1String(suffix));
    }
    const QString counts = QStringLiteral("appended %1 events, duplicates %2, rejected %3")
                               .arg(status.appended)
                               .arg(status.duplicates)
                               .arg(status.rejected);
    switch (report.outcome) {
    case importers::live::FollowReport::Outcome::Failed:
        err() << "eventscope-cli follow: " << status.message << '\n' << counts << Qt::endl;
        return ExitFailure;
    case importers::live::FollowReport::Outcome::CaughtUp:
        err() << "caught up with " << sourceUrl << " at position " << status.position << ": " << counts
              << Qt::endl;
        break;
    case importers::live::FollowReport::Outcome::Stopped:
        err() << "stopped following " << sourceUrl << " at position " << status.position << ": " << counts
              << Qt::endl;
        break;
    }
    return status.rejected > 0 ? ExitRejected : ExitOk;
}

} // namespace eventscope::cli
