#include "cli.h"

#include "attachedstore.h"
#include "sourceurl.h"
#include "timeformat.h"
#include "workspace.h"

#include <QFile>
#include <QFileInfo>

namespace eventscope::cli {

namespace {

const char* usage = "usage: eventscope-cli attach WORKSPACE --source URL";

const char* sourceHelp =
    "The store, read in place (its events stay on the server; the workspace keeps the investigation):\n"
    "  postgresql://user@host:5432/db?layout=messagedb[&sslmode=M]   Message DB\n"
    "  postgresql://user@host/db?layout=marten[&schema=S][&sslmode=M] Marten's mt_events\n"
    "  postgresql://user@host/db?table=T&position=C&stream=C&type=C&time=C[&data=C&metadata=C&id=C\n"
    "      &version=C&time_unit=s|ms|us][&sslmode=M]                 any table through a mapping\n"
    "The password comes from PGPASSWORD or ~/.pgpass, never the URL.";

void removeWorkspaceFiles(const QString& path)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

int runAttach(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(sourceHelp));
    parser.addPositionalArgument(
        QStringLiteral("WORKSPACE"),
        QStringLiteral("The workspace to attach (created if missing; it must hold no events)."));
    parser.addOption({QStringLiteral("source"), QStringLiteral("The store's URL."), QStringLiteral("URL")});
    if (const int code = parseArguments(parser, arguments, QString::fromUtf8(usage)); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("source"))) {
        err() << "eventscope-cli attach: a workspace and --source are needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    QString problem;
    const auto url = importers::live::SourceUrl::parse(parser.value(QStringLiteral("source")), &problem);
    if (!url) {
        err() << "eventscope-cli attach: --source: " << problem << Qt::endl;
        return ExitUsage;
    }
    const QString path = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    const bool existed = QFileInfo::exists(path);
    try {
        std::unique_ptr<EventStore> store;
        {
            Workspace workspace(path);
            store = attachStore(workspace, url->canonical());
            auto& o = out();
            o << "workspace: " << path << '\n';
            o << "attached to: " << url->canonical() << '\n';
            o << "events: " << store->count() << '\n';
            if (const auto range = store->timeRange()) {
                o << "from: " << formatTimestamp(range->firstUs) << '\n';
                o << "to: " << formatTimestamp(range->lastUs) << '\n';
            }
            o.flush();
            store.reset(); // before its workspace
        }
        return ExitOk;
    } catch (const WorkspaceError& error) {
        if (!existed)
            removeWorkspaceFiles(path);
        err() << "eventscope-cli attach: " << error.message() << Qt::endl;
        return ExitFailure;
    } catch (const sqlite::Error& error) {
        if (!existed)
            removeWorkspaceFiles(path);
        err() << "eventscope-cli attach: " << path << ": " << error.message() << Qt::endl;
        return ExitFailure;
    }
}

} // namespace eventscope::cli
