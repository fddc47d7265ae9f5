// eventscope-cli: the tshark to eventscope's Wireshark. Imports, inspects and exports workspaces.
#include "attachablestores.h"
#include "cli.h"

#include <QCoreApplication>

using namespace eventscope::cli;

namespace {

const char* usageText = R"(usage: eventscope-cli COMMAND [OPTIONS]

Commands:
  import WORKSPACE FILE...   import event files into a workspace (created if missing)
  info WORKSPACE             counts, time range, streams, types and imports
  events WORKSPACE           print events (--format jsonl|table|cloudevents)
  export WORKSPACE OUT       write events to a file, atomically
  state WORKSPACE            a projection's state at a position or time (JSON)
  diff WORKSPACE             what changed in the state between two positions (JSON)
  verify WORKSPACE           the first violation of each invariant (JSON; exit 1 if any)
  series WORKSPACE           state expressions over time, for charts and temporal queries (JSON)
  bookmark WORKSPACE         bookmark an event with a note (JSON)
  bookmarks WORKSPACE        the bookmarks in position order (JSON); --import adds a file's
  follow WORKSPACE --source URL
                             append a live store's events (sqlite://, postgresql://) and keep following it
  attach WORKSPACE --source URL
                             attach a workspace to a PostgreSQL store read in place (nothing copied)
  draft WORKSPACE            draft compensating events for an event, a position or the violations of
                             invariants (rules in JavaScript, or the generic reversal); prints them (JSON)
  drafts WORKSPACE           the drafts with their status and audit trail (JSON)
  whatif WORKSPACE           actual vs corrected state with the drafts appended, their diff and the
                             invariants on both (JSON)
  append WORKSPACE --drafts --to TARGET
                             append the drafts to a workspace or a PostgreSQL store, checking each
                             stream's expected version

Run `eventscope-cli COMMAND --help` for a command's options.

Exit codes:
  0  all good
  1  some records were rejected (the others were imported); verify: an invariant is violated
  2  usage error
  3  failure (nothing was written))";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EVENTSCOPE_VERSION));
    eventscope::importers::live::registerAttachableStores();
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        err() << usageText << Qt::endl;
        return ExitUsage;
    }
    const QString command = args.at(1);
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + command);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        out() << usageText << Qt::endl;
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        out() << "eventscope-cli " << EVENTSCOPE_VERSION << Qt::endl;
        return ExitOk;
    }
    if (command == QLatin1String("import"))
        return runImport(rest);
    if (command == QLatin1String("attach"))
        return runAttach(rest);
    if (command == QLatin1String("info"))
        return runInfo(rest);
    if (command == QLatin1String("events"))
        return runEvents(rest);
    if (command == QLatin1String("export"))
        return runExport(rest);
    if (command == QLatin1String("state"))
        return runState(rest);
    if (command == QLatin1String("diff"))
        return runDiff(rest);
    if (command == QLatin1String("verify"))
        return runVerify(rest);
    if (command == QLatin1String("series"))
        return runSeries(rest);
    if (command == QLatin1String("bookmark"))
        return runBookmark(rest);
    if (command == QLatin1String("bookmarks"))
        return runBookmarks(rest);
    if (command == QLatin1String("follow"))
        return runFollow(rest);
    if (command == QLatin1String("draft"))
        return runDraft(rest);
    if (command == QLatin1String("drafts"))
        return runDrafts(rest);
    if (command == QLatin1String("whatif"))
        return runWhatIf(rest);
    if (command == QLatin1String("append"))
        return runAppend(rest);
    err() << "eventscope-cli: unknown command '" << command << "'\n\n" << usageText << Qt::endl;
    return ExitUsage;
}
