// eventscope-bench-latency: how long an event appended to a PostgreSQL store takes to be in the
// workspace that follows it (see bench/RESULTS.md, "Live sources"). A writer appends one Message DB
// event at a time at a steady rate (its own connection, each insert committed on its own); the
// follower (LiveFollower + PgLiveSource, as `eventscope-cli follow` and the window run them)
// reports after each batch the source position it has stored, and every event up to it that the
// writer had committed counts: its latency is from the writer's commit to that report. Run once
// polling (the default: adaptive, 20 to 250 ms) and once with the NOTIFY trigger installed.
#include "liveerror.h"
#include "livefollower.h"
#include "percentile.h"
#include "pgconnection.h"
#include "pglivesource.h"
#include "sourceurl.h"
#include "stopsignal.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace eventscope;
using namespace eventscope::importers::live;
using Clock = std::chrono::steady_clock;

namespace {

struct Sent
{
    qint64 position = 0;
    Clock::time_point committed;
};

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: eventscope-bench-latency URL poll|notify [RATE [SECONDS]]\n");
        return 2;
    }
    const QString text = QString::fromLocal8Bit(argv[1]);
    const bool notify = QByteArray(argv[2]) == "notify";
    const int rate = argc > 3 ? std::max(1, std::atoi(argv[3])) : 1000;
    const int seconds = argc > 4 ? std::max(1, std::atoi(argv[4])) : 10;
    const auto url = SourceUrl::parse(text, nullptr);
    if (!url) {
        std::fprintf(stderr, "bad URL\n");
        return 2;
    }
    try {
        PgLiveSource source(*url);
        if (notify)
            source.installTrigger();
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("latency.eventscope")));

        std::mutex mutex;
        std::vector<Sent> sent;
        size_t seen = 0;
        std::vector<double> latencies;
        StopSignal stop;

        FollowOptions options;
        LiveFollower follower(workspace, source, options);
        follower.onStatus = [&](const LiveStatus& status) {
            const auto now = Clock::now();
            const std::lock_guard lock(mutex);
            while (seen < sent.size() && sent[seen].position <= status.position) {
                latencies.push_back(
                    std::chrono::duration<double, std::milli>(now - sent[seen].committed).count());
                ++seen;
            }
        };
        std::thread writer([&] {
            PgConnection db(pgConnectionParameters(*url), QStringLiteral("writer"));
            const auto interval = std::chrono::nanoseconds(1'000'000'000LL / rate);
            auto next = Clock::now() + std::chrono::milliseconds(500); // the follower connects first
            const qint64 total = qint64(rate) * seconds;
            for (qint64 i = 0; i < total; ++i) {
                std::this_thread::sleep_until(next);
                next += interval;
                const PgResult row =
                    db.exec("INSERT INTO message_store.messages(position, stream_name, type, data, metadata) "
                            "VALUES ($1, 'latency-1', 'Tick', '{}', '{}') RETURNING global_position",
                            {QByteArray::number(i)});
                const auto committed = Clock::now();
                const std::lock_guard lock(mutex);
                sent.push_back({row.int64(0, 0), committed});
            }
            // Every event in (or 5 s gone by): the follow ends.
            const auto deadline = Clock::now() + std::chrono::seconds(5);
            while (Clock::now() < deadline) {
                {
                    const std::lock_guard lock(mutex);
                    if (seen == sent.size())
                        break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            stop.request();
        });
        follower.run(stop);
        writer.join();
        std::printf(
            "%-7s %d events/s for %d s: %zu events, latency p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n",
            notify ? "notify" : "polling", rate, seconds, latencies.size(), bench::percentile(latencies, 0.5),
            bench::percentile(latencies, 0.99), bench::percentile(latencies, 1.0));
    } catch (const LiveError& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    return 0;
}
