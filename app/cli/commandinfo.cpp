#include "cli.h"

#include "attachedstore.h"
#include "timeformat.h"
#include "workspace.h"

#include <QDateTime>
#include <QFileInfo>

namespace eventscope::cli {

int runInfo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addOption({QStringLiteral("streams"),
                      QStringLiteral("List at most N streams (default 20, 0 = all)."), QStringLiteral("N"),
                      QStringLiteral("20")});
    const QString usage = QStringLiteral("usage: eventscope-cli info WORKSPACE [--streams N]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err() << "eventscope-cli info: one workspace is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    const int streamLimit = parser.value(QStringLiteral("streams")).toInt();
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        auto& o = out();
        o << "workspace: " << QFileInfo(workspace.path()).absoluteFilePath() << '\n';
        o << "size: " << QString::number(double(QFileInfo(workspace.path()).size()) / 1e6, 'f', 1) << " MB\n";
        if (const auto url = attachedStoreUrl(workspace))
            o << "attached to: " << *url << " (read in place)\n";
        o << "events: " << store.count() << '\n';
        if (const auto range = store.timeRange()) {
            o << "time range: " << formatTimestamp(range->firstUs) << " .. " << formatTimestamp(range->lastUs)
              << '\n';
        }
        const auto streams = store.streams();
        o << "streams: " << streams.size() << '\n';
        std::vector<StreamSummary> biggest = streams;
        std::stable_sort(biggest.begin(), biggest.end(),
                         [](const auto& a, const auto& b) { return a.eventCount > b.eventCount; });
        const size_t shown =
            streamLimit <= 0 ? biggest.size() : std::min(biggest.size(), size_t(streamLimit));
        for (size_t i = 0; i < shown; ++i)
            o << "  " << biggest[i].stream.leftJustified(32) << ' ' << qSetFieldWidth(8)
              << biggest[i].eventCount << qSetFieldWidth(0) << " events, last version "
              << biggest[i].lastVersion << '\n';
        if (shown < biggest.size())
            o << "  ... " << (biggest.size() - shown) << " more\n";
        const auto types = store.types();
        o << "types: " << types.size() << '\n';
        for (const auto& t : types)
            o << "  " << t.type.leftJustified(32) << ' ' << qSetFieldWidth(8) << t.count << qSetFieldWidth(0)
              << '\n';
        const auto imports = workspace.imports();
        o << "imports: " << imports.size() << '\n';
        for (const auto& i : imports) {
            o << "  #" << i.id << ' ' << i.path << " (" << i.format << ", "
              << QString::number(double(i.sizeBytes) / 1e6, 'f', 1) << " MB, sha256 " << i.sha256.left(12)
              << ", " << formatTimestamp(i.importedAtUs - i.importedAtUs % 1000000) << "): " << i.accepted
              << " accepted, " << i.rejected << " rejected, " << i.duplicates << " duplicates";
            if (!i.note.isEmpty())
                o << "; " << i.note;
            o << '\n';
        }
        o << Qt::flush;
    } catch (const WorkspaceError& error) {
        err() << "eventscope-cli: " << error.message() << Qt::endl;
        return ExitFailure;
    } catch (const sqlite::Error& error) {
        err() << "eventscope-cli: " << error.message() << Qt::endl;
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace eventscope::cli
