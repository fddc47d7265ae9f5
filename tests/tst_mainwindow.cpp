#include "eventtablemodel.h"
#include "eventtableview.h"
#include "importsession.h"
#include "mainwindow.h"
#include "recentworkspaces.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacesession.h"
#include "workspacestatus.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLocale>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace eventscope;
using eventscope::gui::EventTableModel;
using eventscope::gui::MainWindow;
using eventscope::gui::RecentWorkspaces;

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
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QApplication::setOrganizationName(QStringLiteral("EventscopeTests"));
        QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
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
        QCOMPARE(qobject_cast<QStackedWidget*>(window.centralWidget())->currentWidget(), window.eventView());

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
                       QStringLiteral("900x560")});
        QCOMPARE(ok->exitStatus(), QProcess::NormalExit);
        QCOMPARE(ok->exitCode(), 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(900, 560));

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
        QCOMPARE(titles, (QStringList{QStringLiteral("&File"), QStringLiteral("&Help")}));
        const QList<QAction*> file = window.menuBar()->actions().first()->menu()->actions();
        QCOMPARE(file.first()->shortcut(), QKeySequence(QKeySequence::Open));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
