#include "bookmarks/bookmarksmodel.h"
#include "bookmarks/bookmarkspanel.h"
#include "events/eventspane.h"
#include "eventtablemodel.h"
#include "eventtableview.h"
#include "importsession.h"
#include "inspector/jsontreemodel.h"
#include "inspector/stateinspector.h"
#include "mainwindow.h"
#include "presentation/captionpage.h"
#include "presentation/presentationmode.h"
#include "recentworkspaces.h"
#include "replay/replaycontroller.h"
#include "streams/streamsmodel.h"
#include "streams/streamspanel.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelinewidget.h"
#include "windowlayout.h"
#include "workspace.h"
#include "workspacesession.h"
#include "workspacestatus.h"
#include "json/jsonpath.h"
#include <QTableView>

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>

using namespace eventscope;
using eventscope::gui::BookmarksPanel;
using eventscope::gui::EventTableModel;
using eventscope::gui::EventTableView;
using eventscope::gui::MainWindow;
using eventscope::gui::PresentationMode;
using eventscope::gui::RecentWorkspaces;
using eventscope::gui::StateInspector;
using eventscope::gui::StreamsPanel;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

// A workspace of `count` events over `streams` streams, one a minute.
QString createWorkspace(const QTemporaryDir& dir, const QString& name, int count, int streams)
{
    const QString path = dir.filePath(name + QStringLiteral(".eventscope"));
    Workspace workspace(path);
    ImportSession session(workspace, MergeOrder::Time);
    session.beginSource({0,
                         QStringLiteral("/tmp/fixture.jsonl"),
                         QStringLiteral("fixture.jsonl"),
                         QStringLiteral("jsonl"),
                         0,
                         name,
                         0,
                         0,
                         0,
                         0,
                         {}});
    for (int i = 0; i < count; ++i) {
        Event e =
            eventscope::testing::makeEvent(QStringLiteral("account-%1").arg(i % streams),
                                           i % 3 ? QStringLiteral("Deposited") : QStringLiteral("Withdrawn"),
                                           baseTimeUs + qint64(i) * 60'000'000);
        e.data = QStringLiteral(R"({"amount": %1})").arg(i).toUtf8();
        session.add(e);
    }
    session.endSource(0, {});
    session.commit();
    return path;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_accounts;
    QString m_ledger;

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // Before any QSettings exists: the recent list and geometry go to a throwaway folder.
        eventscope::testing::isolateSettings(m_settingsDir, QStringLiteral("tst_mainwindow"));
        QVERIFY(m_dir.isValid());
        m_accounts = createWorkspace(m_dir, QStringLiteral("accounts"), 2500, 30);
        m_ledger = createWorkspace(m_dir, QStringLiteral("ledger"), 10, 1);
    }

    void init() { RecentWorkspaces::clear(); }

    void startsWithNoWorkspace()
    {
        MainWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Eventscope"));
        QVERIFY(!window.session()->isOpen());
        QCOMPARE(window.eventModel()->rowCount(), 0);
        QCOMPARE(window.workspaceStatus()->text(), QStringLiteral("No workspace open"));
        auto* pages = qobject_cast<QStackedWidget*>(window.centralWidget());
        QVERIFY(pages);
        QVERIFY(pages->currentWidget() != window.eventView());
    }

    void opensWorkspace()
    {
        MainWindow window;
        window.resize(1200, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy errors(&window, &MainWindow::errorOccurred);
        QVERIFY(window.openWorkspace(m_accounts));
        QCOMPARE(errors.count(), 0);

        QCOMPARE(window.windowTitle(), QStringLiteral("accounts \u2014 Eventscope"));
        QCOMPARE(window.eventModel()->rowCount(), 2500);
        QCOMPARE(window.eventView()->model(), window.eventModel());
        QCOMPARE(qobject_cast<QStackedWidget*>(window.centralWidget())->currentWidget(), window.eventsPane());

        const QString status = window.workspaceStatus()->text();
        QVERIFY2(status.startsWith(QLatin1String("accounts | ")), qPrintable(status));
        QVERIFY2(status.contains(QLocale().toString(2500) + QLatin1String(" events")), qPrintable(status));
        QVERIFY2(
            status.contains(QStringLiteral("2025-03-01T12:00:00Z \u2013 2025-03-03T05:39:00Z (1 d 17 h)")),
            qPrintable(status));
        QVERIFY2(status.endsWith(QLatin1String("30 streams")), qPrintable(status));

        auto* view = window.eventView();
        view->selectRow(41);
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(EventTableModel::PositionRole).toLongLong(), 42);
        QCOMPARE(window.eventModel()->index(41, EventTableModel::StreamColumn).data().toString(),
                 QStringLiteral("account-11"));
        view->scrollTo(window.eventModel()->index(2499, 0));
        QVERIFY(view->indexAt(view->viewport()->rect().bottomLeft() - QPoint(0, 4)).row() > 2400);
        QVERIFY(window.eventModel()->cachedPageCount() <= 4); // only what was shown was read

        QCOMPARE(RecentWorkspaces::paths(), QStringList{m_accounts});
    }

    void keepsPreviousWorkspaceOnError_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason");
        QTest::addRow("text file") << QByteArray("hello, not a workspace\n")
                                   << QStringLiteral("not an Eventscope workspace");
        QTest::addRow("missing") << QByteArray() << QStringLiteral("no such workspace");
    }

    void keepsPreviousWorkspaceOnError()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        const QString bad =
            contents.isEmpty()
                ? m_dir.filePath(QStringLiteral("missing.eventscope"))
                : eventscope::testing::writeFile(m_dir, QStringLiteral("notes.eventscope"), contents);

        MainWindow window;
        QVERIFY(window.openWorkspace(m_ledger));
        const QString statusBefore = window.workspaceStatus()->text();
        QSignalSpy errors(&window, &MainWindow::errorOccurred);
        QVERIFY(!window.openWorkspace(bad));
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(reason), qPrintable(message));
        QVERIFY2(message.contains(bad), qPrintable(message));

        QCOMPARE(window.session()->path(), m_ledger);
        QCOMPARE(window.windowTitle(), QStringLiteral("ledger \u2014 Eventscope"));
        QCOMPARE(window.eventModel()->rowCount(), 10);
        QCOMPARE(window.eventModel()->index(9, 0).data(EventTableModel::PositionRole).toLongLong(), 10);
        QCOMPARE(window.workspaceStatus()->text(), statusBefore);
        QCOMPARE(RecentWorkspaces::paths(), QStringList{m_ledger});
    }

    void switchesAndClosesWorkspaces()
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(m_accounts));
        QVERIFY(window.eventModel()->eventAt(100));
        QHeaderView* header = window.eventView()->horizontalHeader();
        const int timeWidth = header->sectionSize(EventTableModel::TimeColumn);
        QVERIFY(timeWidth >
                header->fontMetrics().horizontalAdvance(QStringLiteral("2025-03-01T12:00:00.000000Z")));
        header->resizeSection(EventTableModel::StreamColumn, 333); // the user's choice survives a switch
        QSignalSpy resets(window.eventModel(), &QAbstractItemModel::modelReset);
        QVERIFY(window.openWorkspace(m_ledger));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(header->sectionSize(EventTableModel::TimeColumn), timeWidth);
        QCOMPARE(header->sectionSize(EventTableModel::StreamColumn), 333);
        QCOMPARE(window.eventModel()->rowCount(), 10);
        QCOMPARE(window.eventModel()->eventAt(0)->stream, QStringLiteral("account-0"));
        QCOMPARE(RecentWorkspaces::paths(), (QStringList{m_ledger, m_accounts}));

        window.session()->close();
        QVERIFY(!window.session()->isOpen());
        QCOMPARE(window.eventModel()->rowCount(), 0);
        QCOMPARE(window.windowTitle(), QStringLiteral("Eventscope"));
        QCOMPARE(window.workspaceStatus()->text(), QStringLiteral("No workspace open"));
    }

    void keepsRecentWorkspacesBounded()
    {
        QStringList created;
        for (int i = 0; i < RecentWorkspaces::maxEntries + 2; ++i) {
            const QString path =
                eventscope::testing::writeFile(m_dir, QStringLiteral("r%1.eventscope").arg(i), "x");
            RecentWorkspaces::add(path);
            created.prepend(path);
        }
        QCOMPARE(RecentWorkspaces::paths(), created.mid(0, RecentWorkspaces::maxEntries));
        QVERIFY(QFile::remove(created.first()));
        QCOMPARE(RecentWorkspaces::paths(), created.mid(1, RecentWorkspaces::maxEntries - 1));
        RecentWorkspaces::add(created.last()); // re-adding moves it to the front
        QCOMPARE(RecentWorkspaces::paths().first(), created.last());
    }

    void rendersScreenshotsFromTheCommandLine()
    {
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // keep the user's recent list
        const auto run = [&](const QStringList& arguments) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(environment);
            process->start(QStringLiteral(EVENTSCOPE_GUI_PATH), arguments);
            if (!process->waitForFinished(60'000))
                qWarning("eventscope did not finish");
            return process;
        };

        const QString png = home.filePath(QStringLiteral("shot.png"));
        auto ok = run({m_accounts, QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                       QStringLiteral("1280x800")});
        QCOMPARE(ok->exitStatus(), QProcess::NormalExit);
        QCOMPARE(ok->exitCode(), 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800)); // the smallest size the layout is made for

        const QString notes =
            eventscope::testing::writeFile(home, QStringLiteral("notes.txt"), "not a workspace");
        auto failed = run({notes, QStringLiteral("--screenshot"), png});
        QCOMPARE(failed->exitCode(), 1);
        QVERIFY(failed->readAllStandardError().contains("not an Eventscope workspace"));

        auto badSize =
            run({QStringLiteral("--size"), QStringLiteral("huge"), QStringLiteral("--screenshot"), png});
        QCOMPARE(badSize->exitCode(), 2);
    }

    void hasFileAndHelpMenus()
    {
        MainWindow window;
        QStringList titles;
        for (QAction* action : window.menuBar()->actions())
            titles << action->text();
        QCOMPARE(titles,
                 (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Replay"),
                              QStringLiteral("&Go"), QStringLiteral("&Help")}));
        const QList<QAction*> file = window.menuBar()->actions().first()->menu()->actions();
        QCOMPARE(file.first()->shortcut(), QKeySequence(QKeySequence::New));
        QVERIFY(std::any_of(file.begin(), file.end(), [](QAction* action) {
            return action->shortcut() == QKeySequence(QKeySequence::Open);
        }));
        QVERIFY(std::any_of(file.begin(), file.end(), [](QAction* action) {
            return action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I); // Import Files
        }));
    }

    void docksAppearWithAWorkspace()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* stateDock = window.findChild<QDockWidget*>(QStringLiteral("state"));
        auto* timelineDock = window.findChild<QDockWidget*>(QStringLiteral("timeline"));
        QVERIFY(stateDock && timelineDock);
        QVERIFY(!stateDock->isVisible()); // nothing to show before a workspace opens
        QVERIFY(window.openWorkspace(m_accounts));
        QVERIFY(stateDock->isVisible());
        QVERIFY(timelineDock->isVisible());
        QCOMPARE(window.dockWidgetArea(timelineDock), Qt::BottomDockWidgetArea);
        window.session()->close();
        QVERIFY(!stateDock->isVisible());
    }

    void stateFollowsThePlayhead()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openWorkspace(m_accounts));
        StateInspector* inspector = window.stateInspector();
        window.playhead()->setPosition(42);
        // Position 42 is event 41 of the fixture: account-(41 % 30) with amount 41, the built-in
        // aggregate of that stream, since the inspector follows the stream at the playhead.
        QTRY_COMPARE(inspector->headerText(), QStringLiteral("account-11 at #42 \u00b7 built-in"));
        QTRY_VERIFY(!inspector->isPending());
        const QModelIndex amount =
            inspector->treeModel()->indexForPath(*eventscope::json::parsePath(QStringLiteral("amount")));
        QVERIFY(amount.isValid());
        QCOMPARE(amount.siblingAtColumn(1).data().toString(), QStringLiteral("41"));

        // Arrow keys step the playhead wherever the focus is (outside text fields).
        window.eventView()->setFocus();
        QTest::keyClick(window.eventView(), Qt::Key_Right);
        QCOMPARE(window.playhead()->position(), 43);
        QTRY_COMPARE(inspector->headerText(), QStringLiteral("account-12 at #43 \u00b7 built-in"));
        // Shift+Left steps back within the stream in focus: account-12's previous event is #13.
        QTest::keyClick(window.eventView(), Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(window.playhead()->position(), 13);
    }

    void pickingAStreamFocusesAndHighlightsIt()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openWorkspace(m_accounts));
        StreamsPanel* streams = window.streamsPanel();
        QTRY_VERIFY(!streams->isLoading());
        const QModelIndexList found = streams->model()->match(
            streams->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("account-3"), 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        streams->streamsView()->setCurrentIndex(found.front());
        // The state inspector, the table and the timeline all turn to it.
        QCOMPARE(window.replayController()->focusedStream(), QStringLiteral("account-3"));
        QCOMPARE(window.eventModel()->highlightedStream(), QStringLiteral("account-3"));
        QCOMPARE(window.timelinePanel()->timeline()->lanes(), QStringList{QStringLiteral("account-3")});
        // Row 3 is position 4, account-3's first event; row 4 is account-4's.
        QVERIFY(window.eventModel()->index(3, 0).data(EventTableModel::InHighlightedStreamRole).toBool());
        QVERIFY(!window.eventModel()->index(4, 0).data(EventTableModel::InHighlightedStreamRole).toBool());
        // Another stream takes its place; closing the workspace clears it.
        streams->streamsView()->setCurrentIndex(found.front().siblingAtRow(found.front().row() + 1));
        QCOMPARE(window.eventModel()->highlightedStream(), QStringLiteral("account-4"));
        QVERIFY(window.eventModel()->index(4, 0).data(EventTableModel::InHighlightedStreamRole).toBool());
        window.session()->close();
        QVERIFY(window.eventModel()->highlightedStream().isEmpty());
    }

    void bookmarksMarkTheTimelineAndDrivePresentation()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openWorkspace(m_accounts));
        BookmarksPanel* bookmarks = window.bookmarksPanel();
        window.playhead()->setPosition(100);
        bookmarks->addBookmark(window.playhead()->position());
        QCOMPARE(bookmarks->model()->rowCount(), 1);
        // The note is open for typing.
        auto* editor = bookmarks->view()->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("The first withdrawal"));
        QCOMPARE(editor->text(), QStringLiteral("The first withdrawal"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(bookmarks->model()->bookmarks().front().note,
                     QStringLiteral("The first withdrawal")); // committed queued
        window.playhead()->setPosition(900);
        bookmarks->addBookmark(900);
        QCOMPARE(bookmarks->model()->rowCount(), 2);
        const auto& markers = window.timelinePanel()->timeline()->markers();
        QCOMPARE(markers.size(), std::size_t(2));
        QCOMPARE(markers.front().position, 100);
        QCOMPARE(markers.front().label, QStringLiteral("The first withdrawal"));

        // Bookmarks are kept in the workspace.
        window.session()->close();
        QVERIFY(window.openWorkspace(m_accounts));
        QCOMPARE(window.bookmarksPanel()->model()->rowCount(), 2);

        // Next / previous bookmark from the playhead.
        window.playhead()->setPosition(500);
        QVERIFY(bookmarks->jumpFrom(window.playhead()->position(), -1));
        QCOMPARE(window.playhead()->position(), 100);

        PresentationMode* presentation = window.presentation();
        presentation->setTimings(0, 60'000);
        QVERIFY(window.startPresentation());
        QVERIFY(presentation->isActive());
        QCOMPARE(window.captionPage()->note(), QStringLiteral("The first withdrawal"));
        QCOMPARE(window.captionPage()->progress(), QStringLiteral("Bookmark 1 of 2"));
        QCOMPARE(window.playhead()->position(), 100);
        QVERIFY(!window.menuBar()->isVisible());
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(presentation->currentStop(), 1);
        QCOMPARE(window.playhead()->position(), 900);
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(presentation->isPaused());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!presentation->isActive());
        QVERIFY(window.menuBar()->isVisible());
        QCOMPARE(window.centralWidget()->findChild<EventTableView*>(), window.eventView());
        // Each bookmark removed again leaves the workspace as it was.
        while (bookmarks->model()->rowCount() > 0)
            bookmarks->model()->remove(bookmarks->model()->index(0, 0));
    }

    void restoresTheDockLayout()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(window.openWorkspace(m_accounts));
            window.findChild<QDockWidget*>(QStringLiteral("bookmarks"))->hide();
            window.close();
        }
        MainWindow window;
        window.show();
        QVERIFY(window.openWorkspace(m_accounts));
        QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("bookmarks"))->isVisible());
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("state"))->isVisible());
        window.windowLayout()->applyDefault();
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("bookmarks"))->isVisible());
        window.close();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
