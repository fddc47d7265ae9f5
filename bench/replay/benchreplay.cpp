// eventscope-bench-replay: the replay engine's figures on a workspace, each as a ratio against the
// naive full replay measured in the same run (these machines are noisy; ratios travel better).
// bench/replay/run drives it on generated data; figures go to bench/RESULTS.md.
#include "replay/builtinprojection.h"
#include "replay/replayengine.h"
#include "replay/replaysetup.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace eventscope;
using namespace eventscope::replay;

namespace {

double millis(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> samples)
{
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples[std::min(samples.size() - 1, size_t(q * double(samples.size())))]; };
    return {at(0.50), at(0.99), samples.back()};
}

qint64 rssKiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

// The baseline: read every event and fold it with the built-in projection, no engine, no snapshots.
double naiveFullReplayMs(WorkspaceStore& store)
{
    QElapsedTimer timer;
    timer.start();
    BuiltinProjection projection;
    const qint64 count = store.count();
    for (qint64 first = 1; first <= count; first += 4096)
        projection.apply(store.window(first, 4096));
    return millis(timer);
}

void report(const char* what, double value, const char* unit, double baseline = 0, const char* note = "")
{
    if (baseline > 0)
        std::printf("  %-44s %12.2f %-8s ratio %7.3f  %s\n", what, value, unit, value / baseline, note);
    else
        std::printf("  %-44s %12.2f %-8s %s\n", what, value, unit, note);
}

// A C++-cheap invariant over the built-in projection: an order is placed at most once. It holds on
// the generated log, so the scan reads every event.
class PlacedOnce final : public Check
{
public:
    QString name() const override { return QStringLiteral("an order is placed at most once"); }
    Kind kind() const override { return Kind::Invariant; }
    bool readsState() const override { return true; }
    bool fires(const Event&, const json::Value& state) override
    {
        return state["$counts"]["OrderPlaced"].toDouble() > 1;
    }
};

void measureScans(WorkspaceStore& store, const QString& invariants, double baselineMs)
{
    std::printf("\nfirstViolation scans from the start\n");
    {
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        Checks checks;
        checks.push_back(std::make_unique<PlacedOnce>());
        QElapsedTimer timer;
        timer.start();
        const auto violation = engine.firstViolation(checks, 1);
        report("builtin + C++ invariant (holds: whole log)", millis(timer), "ms", baselineMs,
               violation ? "(fired)" : "");
    }
    if (invariants.isEmpty())
        return;
    ReplaySpec spec;
    spec.checksScript = invariants;
    ReplaySetup setup(spec);
    ReplayEngine engine(store, setup.projection(), setup.upcaster());
    for (auto& check : setup.checks()) {
        Checks one;
        one.push_back(std::move(check));
        QElapsedTimer timer;
        timer.start();
        const auto violation = engine.firstViolation(one, 1);
        const QString what = QStringLiteral("JS: %1").arg(one.front()->name());
        const QString found = violation ? QStringLiteral("(at %1 of %2)").arg(violation->event.position).arg(store.count())
                                        : QStringLiteral("(none)");
        report(qPrintable(what.left(44)), millis(timer), "ms", baselineMs, qPrintable(found));
        engine.invalidate(); // each scan cold, from the start
    }
}

struct Run
{
    WorkspaceStore& store;
    QString projection;
    QString invariants;
    int positions;
    int frames;
    quint32 seed;
    double baselineMs;
};

void measure(const Run& run)
{
    ReplaySpec spec;
    spec.projection = run.projection;
    ReplaySetup setup(spec);
    const qint64 count = run.store.count();
    std::printf("\nprojection %s (%s)\n", qPrintable(setup.projectionName()),
                setup.projection().partitioning() == Partitioning::None ? "global" : "partitioned");

    ReplayEngine engine(run.store, setup.projection(), setup.upcaster());
    QElapsedTimer timer;
    timer.start();
    engine.seek(count);
    const double fullMs = millis(timer);
    report("full replay", double(count) / fullMs * 1000.0, "events/s", 0, "");
    report("full replay time (ratio vs naive builtin)", fullMs, "ms", run.baselineMs);
    std::printf("  snapshot interval K = %lld, fold cost %.2f us/event, %zu snapshots, %.1f MB\n",
                static_cast<long long>(engine.snapshotInterval()), engine.foldCostMicros(),
                engine.snapshots().size(), double(engine.snapshots().bytes()) / 1e6);

    QRandomGenerator random(run.seed);
    std::vector<double> samples;
    for (int i = 0; i < run.positions; ++i) {
        const qint64 p = random.bounded(count + 1);
        timer.restart();
        const ProjectionState state = engine.stateAt(p);
        samples.push_back(millis(timer));
    }
    const Percentiles at = percentiles(samples);
    const double naivePerRequest = run.baselineMs / 2; // a naive rebuild folds half the log on average
    report("state at random positions p50", at.p50, "ms", naivePerRequest);
    report("state at random positions p99", at.p99, "ms", naivePerRequest);
    report("state at random positions max", at.max, "ms");

    samples.clear();
    qint64 p = random.bounded(count / 2) + count / 4;
    int direction = 1;
    for (int frame = 0; frame < run.frames; ++frame) {
        if (frame % 50 == 0)
            direction = -direction;
        p = std::clamp<qint64>(p + direction * qint64(1 + random.bounded(200)), 0, count);
        timer.restart();
        const ProjectionState state = engine.stateAt(p);
        samples.push_back(millis(timer));
    }
    const Percentiles drag = percentiles(samples);
    report("drag (1-200 events/frame) p50", drag.p50, "ms");
    report("drag (1-200 events/frame) p99", drag.p99, "ms", 0, drag.p99 <= 16 ? "(<= 16 ms: PASS)" : "(> 16 ms: FAIL)");

    std::printf("  snapshots after the run: %zu, %.1f MB of %.0f MB budget; RSS %.1f MB (peak %.1f MB)\n",
                engine.snapshots().size(), double(engine.snapshots().bytes()) / 1e6,
                double(engine.snapshots().budget()) / 1e6, double(rssKiB("VmRSS:")) / 1024,
                double(rssKiB("VmHWM:")) / 1024);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Line by line, so that a run stopped by a time limit still leaves its figures so far.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Replay engine figures on a workspace."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("The workspace to replay."));
    parser.addOption({QStringLiteral("projection"),
                      QStringLiteral("builtin or a .js file; repeatable; each is measured in turn."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("invariants"), QStringLiteral("A .js file of invariants for the scan."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("positions"), QStringLiteral("Random positions (default 1000)."),
                      QStringLiteral("N"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("frames"), QStringLiteral("Drag frames (default 500)."), QStringLiteral("N"),
                      QStringLiteral("500")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S"),
                      QStringLiteral("1")});
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        WorkspaceStore store(workspace);
        std::printf("workspace %s: %lld events, %zu streams\n", qPrintable(QFileInfo(workspace.path()).fileName()),
                    static_cast<long long>(store.count()), store.streams().size());
        const double baselineMs = naiveFullReplayMs(store);
        std::printf("baseline: naive full replay (read + built-in fold, no engine) %.0f ms = %.0f events/s\n",
                    baselineMs, double(store.count()) / baselineMs * 1000.0);
        QStringList projections = parser.values(QStringLiteral("projection"));
        if (projections.isEmpty())
            projections << QStringLiteral("builtin");
        for (const QString& projection : projections)
            measure({store, projection, parser.value(QStringLiteral("invariants")),
                     parser.value(QStringLiteral("positions")).toInt(), parser.value(QStringLiteral("frames")).toInt(),
                     parser.value(QStringLiteral("seed")).toUInt(), baselineMs});
        measureScans(store, parser.value(QStringLiteral("invariants")), baselineMs);
    } catch (const ProjectionError& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.toString()));
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
