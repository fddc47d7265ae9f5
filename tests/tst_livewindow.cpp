// Following a live store from the window, as a user does: File ▸ Connect to Live Store with the URL
// of another workspace being written to; the events arrive, every view shows the log growing, the
// playhead keeps to the newest event, the status bar says where the follow stands; Stop ends it.
#include "importsession.h"
#include "livestore/connectdialog.h"
#include "livestore/livefollowcontroller.h"
#include "livestore/livestatuswidget.h"
#include "mainwindow.h"
#include "streams/streamspanel.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

// Appends `count` deposits to the workspace at `path` (created when missing), as another process
// writing to the store would.
void appendDeposits(const QString& path, int from, int count)
{
    Workspace workspace(path);
    ImportSession session(workspace, MergeOrder::Source);
    ImportRecord record;
    record.path = path;
    record.label = u"bank"_s;
    record.format = u"test"_s;
    session.beginSource(record);
    for (int i = from; i < from + count; ++i) {
        Event e = testing::makeEvent(u"account-1"_s, u"Deposited"_s, baseTimeUs + qint64(i) * 1'000'000);
        e.data = QByteArrayLiteral("{\"amount\": 1}");
        session.add(e);
    }
    session.endSource(0, {});
    session.commit();
}

} // namespace

class TestLiveWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase() { testing::isolateSettings(m_settingsDir, u"tst_livewindow"_s); }

    void followsAStoreIntoTheOpenWorkspace()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"store.eventscope"_s);
        appendDeposits(store, 1, 20);
        const QString investigation = dir.filePath(u"investigation.eventscope"_s);
        {
            Workspace created(investigation);
        }

        MainWindow window;
        QVERIFY(window.openWorkspace(investigation));
        QCOMPARE(window.playhead()->count(), qint64(0));
        const QString url = u"sqlite://"_s + store + u"?layout=eventscope"_s;
        QVERIFY(window.followLiveStore(url, true));
        QVERIFY(window.liveFollow()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(window.playhead()->count(), qint64(20), 10000);
        QTRY_COMPARE(window.playhead()->position(), qint64(20));         // kept on the newest event
        QTRY_COMPARE(window.streamsPanel()->countText(), u"1 stream"_s); // every view shows the log grown
        QTRY_VERIFY(window.liveStatus()->text().startsWith(u"following"_s));
        QVERIFY2(window.liveStatus()->text().contains(u"+20 events"_s),
                 qPrintable(window.liveStatus()->text()));
        // The URL is remembered as a profile (it never holds a password).
        QCOMPARE(ConnectDialog::profiles().value(0), window.liveFollow()->url());

        // Another writer appends: the window follows.
        appendDeposits(store, 21, 5);
        QTRY_COMPARE_WITH_TIMEOUT(window.playhead()->count(), qint64(25), 10000);
        QTRY_COMPARE(window.playhead()->position(), qint64(25));

        QSignalSpy finished(window.liveFollow(), &LiveFollowController::finished);
        window.liveStatus()->stopButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(!window.liveFollow()->isRunning());
        QVERIFY2(window.liveStatus()->text().startsWith(u"stopped"_s),
                 qPrintable(window.liveStatus()->text()));
    }

    void refusesWhatCannotBeFollowed()
    {
        QTemporaryDir dir;
        const QString investigation = dir.filePath(u"investigation.eventscope"_s);
        {
            Workspace created(investigation);
        }
        MainWindow window;
        QVERIFY(window.openWorkspace(investigation));
        QSignalSpy errors(&window, &MainWindow::errorOccurred);
        QVERIFY(!window.followLiveStore(u"sqlite://"_s + investigation + u"?layout=eventscope"_s, true));
        QVERIFY(errors.last().at(0).toString().contains(u"itself"_s));
        QVERIFY(!window.followLiveStore(u"mysql://nowhere"_s, true));
        QVERIFY(!window.liveFollow()->isRunning());

        // The dialog checks the URL as it is typed.
        ConnectDialog dialog;
        dialog.setUrl(u"ftp://x"_s);
        QVERIFY(!dialog.isValid());
        dialog.setUrl(u"sqlite://"_s + dir.filePath(u"missing.db"_s) + u"?layout=eventsourcing"_s);
        QVERIFY(dialog.isValid());
    }
};

QTEST_MAIN(TestLiveWindow)
#include "tst_livewindow.moc"
