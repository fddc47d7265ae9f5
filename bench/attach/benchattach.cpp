// eventscope-bench-attach: a workspace attached to a PostgreSQL store, read in place (see
// bench/RESULTS.md, "Attached stores"). Measures, each beside a baseline taken in the same run:
//   - opening: the attached store opened in a fresh process and what the first frame of the
//     window reads (count, time range, the timeline's density at 1,600 bins, the first screen of
//     the table), against one round trip to the server (SELECT 1 through the same connection kind);
//   - a random jump of the playhead with per-stream state: the event at a random position, then
//     its stream's state there from the built-in projection (the stream's history through the
//     store's index, folded), against reading the event alone.
#include "attachablestores.h"
#include "attachedstore.h"
#include "percentile.h"
#include "replay/replayengine.h"
#include "replay/replaysetup.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>
#include <vector>

using namespace eventscope;

namespace {

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: eventscope-bench-attach WORKSPACE [JUMPS]\n");
        return 2;
    }
    importers::live::registerAttachableStores();
    const int jumps = argc > 2 ? std::max(10, std::atoi(argv[2])) : 300;
    try {
        Workspace workspace(QString::fromLocal8Bit(argv[1]), Workspace::OpenMode::ExistingOnly);
        if (!attachedStoreUrl(workspace)) {
            std::fprintf(stderr, "%s is not attached to a store\n", argv[1]);
            return 2;
        }
        QElapsedTimer timer;
        timer.start();
        const std::unique_ptr<EventStore> store = openEventStore(workspace);
        const double openMs = msSince(timer);
        const qint64 count = store->count();
        const auto range = store->timeRange();
        const std::vector<qint64> density = store->density(range->firstUs, range->lastUs, 1600);
        const std::vector<Event> screen = store->window(1, 60);
        const double firstFrameMs = msSince(timer);

        // The baseline: one round trip, the cheapest thing a view can ask.
        std::vector<double> roundTrips;
        for (int i = 0; i < 50; ++i) {
            QElapsedTimer one;
            one.start();
            store->timeAtPosition(1);
            roundTrips.push_back(msSince(one));
        }
        const double roundTrip = bench::percentile(roundTrips, 0.5);
        std::printf("events                  %lld (%zu rows on the first screen, %lld in the density)\n",
                    static_cast<long long>(count), screen.size(),
                    static_cast<long long>(std::accumulate(density.begin(), density.end(), qint64(0))));
        std::printf("open the store          %8.1f ms\n", openMs);
        std::printf("first frame's reads     %8.1f ms   (one round trip p50 %.2f ms, ratio %.0fx)   target "
                    "<= 1000 ms\n",
                    firstFrameMs, roundTrip, firstFrameMs / std::max(roundTrip, 0.001));

        replay::ReplaySpec spec; // the built-in projection: per-stream state
        replay::ReplaySetup setup(spec);
        replay::ReplayEngine engine(*store, setup.projection(), setup.upcaster());
        std::mt19937_64 random(7);
        std::uniform_int_distribution<qint64> anywhere(1, count);
        std::vector<double> reads, states;
        size_t folded = 0;
        for (int i = 0; i < jumps; ++i) {
            const qint64 position = anywhere(random);
            QElapsedTimer jump;
            jump.start();
            const std::optional<Event> event = store->eventAt(position);
            reads.push_back(msSince(jump));
            const json::Value state = engine.partitionAt(event->stream, position);
            states.push_back(msSince(jump));
            folded += state.isNull() ? 0 : 1;
        }
        std::printf("random jump, event      p50 %6.2f ms  p99 %6.2f ms   (the baseline)\n",
                    bench::percentile(reads, 0.5), bench::percentile(reads, 0.99));
        std::printf(
            "random jump, stream state p50 %6.2f ms  p99 %6.2f ms   (ratio %.1fx at p50; %zu of %d states)   "
            "target <= 100 ms\n",
            bench::percentile(states, 0.5), bench::percentile(states, 0.99),
            bench::percentile(states, 0.5) / std::max(bench::percentile(reads, 0.5), 0.001), folded, jumps);
    } catch (const WorkspaceError& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    return 0;
}
