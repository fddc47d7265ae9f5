// eventscope-bench-filter: how long the filter bar's filters take on a workspace, each as a ratio
// against a plain `SELECT count(*) FROM events` measured in the same run (these machines are
// noisy; ratios travel better). Every figure is the median of --repeat runs after one warm-up, so
// the page cache is warm, as it is in the GUI once a workspace is open.
#include "filter/filter.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace eventscope;

namespace {

double medianMs(int repeat, const std::function<void()>& run)
{
    run(); // warm-up
    std::vector<double> samples;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

struct Case
{
    const char* kind;
    const char* source;
};

// Representative filters: envelope only (through the integer-id indexes and the names tables),
// payload paths (json_extract over every event), regular expressions, and the issue's example.
constexpr Case cases[] = {
    {"envelope", R"(type == "OrderPlaced")"},
    {"envelope, regex on names", R"(stream ~ "^order-7" && time >= "2025-03-05")"},
    {"payload number", R"(data.qty > 5)"},
    {"payload text", R"(data.warehouse == "WH-LYON")"},
    {"payload regex", R"(metadata.user ~ "^customer-1")"},
    {"mixed (the issue's example)",
     R"(type == "OrderPlaced" && data.discountPercent > 5 && stream ~ "^order-" && time >= "2025-03-01")"},
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Filter timings on a workspace, as ratios against count(*)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Runs per figure (default 5)."),
                                    QStringLiteral("N"), QStringLiteral("5"));
    parser.addOption(repeatOption);
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly);
        WorkspaceStore store(workspace);
        const qint64 events = store.count();
        std::printf("workspace %s: %lld events, %.0f MB; median of %d runs after a warm-up\n",
                    qPrintable(QFileInfo(workspace.path()).fileName()), static_cast<long long>(events),
                    double(QFileInfo(workspace.path()).size()) / 1e6, repeat);

        qint64 counted = 0;
        const double baseline =
            medianMs(repeat, [&] { counted = workspace.database().queryInt("SELECT count(*) FROM events"); });
        std::printf("%-30s %9.1f ms  %7.2fx  %9lld rows\n", "SELECT count(*) FROM events", baseline, 1.0,
                    static_cast<long long>(counted));
        // For scale: reading every payload once, the floor under any filter on data.
        const double fullScan =
            medianMs(repeat, [&] { workspace.database().queryInt("SELECT sum(length(data)) FROM events"); });
        std::printf("%-30s %9.1f ms  %7.2fx  (every payload read, no JSON parsed)\n", "sum(length(data))",
                    fullScan, fullScan / baseline);

        for (const Case& c : cases) {
            filter::FilterError error;
            const std::optional<filter::Filter> compiled =
                filter::Filter::compile(QString::fromUtf8(c.source), &error);
            if (!compiled) {
                std::fprintf(stderr, "%s: %s\n", c.source, qPrintable(error.toString()));
                return 1;
            }
            size_t matches = 0;
            const double ms = medianMs(repeat, [&] { matches = store.matchingPositions(*compiled).size(); });
            std::printf("%-30s %9.1f ms  %7.2fx  %9zu matches  %s\n", c.kind, ms, ms / baseline, matches,
                        c.source);
        }
    } catch (const WorkspaceError& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    } catch (const sqlite::Error& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    return 0;
}
