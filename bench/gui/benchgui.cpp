// eventscope-bench-gui WORKSPACE: the figures issue 4 asks of the window on a large workspace,
// offscreen (QT_QPA_PLATFORM=offscreen), each beside a baseline measured in the same run:
//  - opening the workspace to the first painted frame, against painting the empty window;
//  - scrolling the events table by a page, and jumping 37 pages, against repainting it unscrolled;
//  - 300 playhead moves (a scrub) with a 5 ms timer probe: the longest stall of the event loop;
//  - resident memory with the workspace open, against before opening it.

#include "attachablestores.h"
#include "eventtableview.h"
#include "mainwindow.h"
#include "percentile.h"
#include "timeline/playhead.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using eventscope::gui::MainWindow;

namespace {

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// Paints the window now and returns how long it took, in ms.
double paintMs(QWidget& window)
{
    QElapsedTimer timer;
    timer.start();
    window.repaint();
    QApplication::processEvents();
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("eventscope-bench-gui"));
    eventscope::importers::live::registerAttachableStores(); // an attached workspace reads its server
    if (argc != 2) {
        std::fprintf(stderr, "usage: eventscope-bench-gui WORKSPACE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    const double emptyPaint = paintMs(window);
    const double rssBefore = residentMegabytes();

    QElapsedTimer open;
    open.start();
    if (!window.openWorkspace(path)) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    window.repaint();
    const double openMs = double(open.nsecsElapsed()) / 1e6;
    std::printf(
        "open to first frame     %8.1f ms   (empty window paint %.1f ms, ratio %.1fx)   target <= 500 ms\n",
        openMs, emptyPaint, openMs / std::max(emptyPaint, 0.01));

    // Scrolling by a page (Page Down through the log): the frame is the scroll and the repaint; the
    // table then reads the screens around the new one while idle, outside the frame.
    eventscope::gui::EventTableView* table = window.eventView();
    QScrollBar* bar = table->verticalScrollBar();
    const auto frameMs = [&](int newValue) {
        QElapsedTimer timer;
        timer.start();
        bar->setValue(newValue);
        table->viewport()->repaint();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        QApplication::processEvents(); // idle work between frames
        return ms;
    };
    std::vector<double> pages;
    std::vector<double> still;
    bar->setValue(bar->maximum() / 3);
    QApplication::processEvents();
    for (int i = 0; i < 300; ++i) {
        still.push_back(paintMs(*table->viewport()));
        pages.push_back(frameMs(bar->value() + bar->pageStep()));
    }
    std::printf("scroll by a page        p50 %6.2f ms  p99 %6.2f ms   (unscrolled repaint p50 %.2f ms, ratio "
                "%.1fx)   target <= 16 ms\n",
                eventscope::bench::percentile(pages, 0.5), eventscope::bench::percentile(pages, 0.99),
                eventscope::bench::percentile(still, 0.5),
                eventscope::bench::percentile(pages, 0.5) /
                    std::max(eventscope::bench::percentile(still, 0.5), 0.001));
    // Jumping 37 pages at a time lands where nothing is read yet: the frame waits on the store.
    std::vector<double> jumps;
    bar->setValue(0);
    QApplication::processEvents();
    for (int i = 0; i < 200; ++i)
        jumps.push_back(frameMs(bar->value() + bar->pageStep() * 37));
    std::printf("jump by 37 pages        p50 %6.2f ms  p99 %6.2f ms   (ratio to unscrolled repaint %.1fx)\n",
                eventscope::bench::percentile(jumps, 0.5), eventscope::bench::percentile(jumps, 0.99),
                eventscope::bench::percentile(jumps, 0.5) /
                    std::max(eventscope::bench::percentile(still, 0.5), 0.001));

    // A scrub: 300 playhead moves, one per 16 ms frame, while a 5 ms timer measures the gaps the
    // event loop leaves (the replay runs on its worker; the views repaint on the GUI thread).
    eventscope::gui::Playhead* playhead = window.playhead();
    const qint64 count = playhead->count();
    QElapsedTimer probeClock;
    probeClock.start();
    qint64 lastProbe = 0;
    double longestStall = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        longestStall = std::max(longestStall, double(now - lastProbe) / 1e6);
        lastProbe = now;
    });
    int moves = 0;
    QTimer scrub;
    scrub.setInterval(16);
    QObject::connect(&scrub, &QTimer::timeout, [&] {
        // Back and forth across the whole log, in steps of about a pixel of a 1,600 px timeline.
        const qint64 step = std::max<qint64>(1, count / 1600);
        const qint64 phase = moves % 150;
        const qint64 base = count / 3;
        playhead->setPosition(moves < 150 ? base + phase * step : base + (150 - phase) * step);
        if (++moves == 300) {
            scrub.stop();
            QTimer::singleShot(500, &app, &QApplication::quit); // let the last replay land
        }
    });
    lastProbe = probeClock.nsecsElapsed();
    probe.start();
    scrub.start();
    QApplication::exec();
    std::printf(
        "scrub, 300 moves        longest event-loop stall %.1f ms (probe interval 5 ms, ratio %.1fx)   "
        "target <= 50 ms\n",
        longestStall, longestStall / 5.0);

    const double rss = residentMegabytes();
    std::printf(
        "resident memory         %8.0f MB   (before opening %.0f MB; %lld events)   target <= 400 MB\n", rss,
        rssBefore, static_cast<long long>(count));
    return 0;
}
