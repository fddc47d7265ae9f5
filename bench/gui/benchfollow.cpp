// eventscope-bench-follow: the window following a store that grows at a sustained rate (see
// bench/RESULTS.md, "Live sources"). A writer thread appends RATE events/s to another workspace
// (batches of 1/100 s, each its own transaction, as a busy service would); the window follows it
// with File ▸ Connect to Live Store's machinery (LiveFollowController, "keep the playhead on the
// newest event"); a 5 ms timer measures the gaps the GUI thread's event loop leaves, against the
// same probe in the same window before the follow starts (the baseline).
#include "importsession.h"
#include "livestore/livefollowcontroller.h"
#include "mainwindow.h"
#include "percentile.h"
#include "timeline/playhead.h"
#include "workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace eventscope;
using namespace eventscope::gui;

namespace {

// The gaps between a 5 ms timer's ticks while the event loop runs for `ms`.
std::vector<double> probeGaps(int ms)
{
    std::vector<double> gaps;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    probe.start();
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return gaps;
}

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("eventscope-bench-follow"));
    const int rate = argc > 1 ? std::max(100, std::atoi(argv[1])) : 20000;
    const int seconds = argc > 2 ? std::max(2, std::atoi(argv[2])) : 20;
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("store.eventscope"));
    const QString investigation = dir.filePath(QStringLiteral("investigation.eventscope"));
    {
        Workspace store(storePath);
        Workspace created(investigation);
    }

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.openWorkspace(investigation))
        return 1;
    QApplication::processEvents();
    const std::vector<double> idle = probeGaps(2000);

    std::atomic<bool> writing{true};
    std::atomic<qint64> written{0};
    std::thread writer([&] {
        Workspace store(storePath);
        const int perBatch = std::max(1, rate / 100);
        auto next = std::chrono::steady_clock::now();
        qint64 n = 0;
        while (writing) {
            std::this_thread::sleep_until(next);
            next += std::chrono::milliseconds(10);
            ImportSession session(store, MergeOrder::Source);
            ImportRecord record;
            record.path = storePath;
            record.label = QStringLiteral("service");
            record.format = QStringLiteral("bench");
            session.beginSource(record);
            for (int i = 0; i < perBatch; ++i, ++n) {
                Event e;
                e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                e.stream = QStringLiteral("account-%1").arg(n % 1000);
                e.type = QStringLiteral("Deposited");
                e.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
                e.data = QByteArrayLiteral("{\"amount\": 1}");
                session.add(e);
            }
            session.endSource(0, {});
            session.commit();
            written += perBatch;
        }
    });
    if (!window.followLiveStore(
            QStringLiteral("sqlite://") + storePath + QStringLiteral("?layout=eventscope"), true)) {
        writing = false;
        writer.join();
        return 1;
    }
    const std::vector<double> following = probeGaps(seconds * 1000);
    writing = false;
    writer.join();
    const qint64 total = written;
    QElapsedTimer drain;
    drain.start();
    while (window.playhead()->count() < total && drain.elapsed() < 20000)
        probeGaps(100);
    std::printf(
        "written %lld events at %d events/s for %d s; the window shows %lld (caught up %.1f s after the "
        "writer stopped)\n",
        static_cast<long long>(total), rate, seconds, static_cast<long long>(window.playhead()->count()),
        double(drain.elapsed()) / 1000);
    std::printf(
        "event-loop gaps while following: p50 %.1f ms  p99 %.1f ms  longest %.1f ms   (idle window: p99 %.1f "
        "ms, longest %.1f ms)   target: longest <= 50 ms\n",
        bench::percentile(following, 0.5), bench::percentile(following, 0.99),
        bench::percentile(following, 1.0), bench::percentile(idle, 0.99), bench::percentile(idle, 1.0));
    window.liveFollow()->stop();
    return 0;
}
