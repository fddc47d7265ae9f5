// Attaching the window to a PostgreSQL store, as a user does with File ▸ Attach to Store: a new
// workspace is created and nothing is copied, every view reads the server, the status bar says the
// events are read in place, and events appended to the store reach the timeline.
#include "attachablestores.h"
#include "events/eventspane.h"
#include "eventtablemodel.h"
#include "livestore/connectdialog.h"
#include "mainwindow.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "tst_livepgserver.h"
#include "workspacestatus.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::gui;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

void insertDeposits(PgConnection& db, int first, int count)
{
    db.exec("INSERT INTO message_store.messages(position, stream_name, type, data, metadata, id, time) "
            "SELECT i / 3, 'account-' || (i % 3), 'Deposited', jsonb_build_object('amount', i), '{}', "
            "gen_random_uuid(), timestamp '2025-03-01 12:00:00' + i * interval '1 second' "
            "FROM generate_series($1::int, $2::int) i ORDER BY i",
            {QByteArray::number(first), QByteArray::number(first + count - 1)});
}

} // namespace

class TestAttachWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    PgServer m_server;

private slots:
    void initTestCase()
    {
        testing::isolateSettings(m_settingsDir, u"tst_attachwindow"_s);
        if (!PgServer::installed())
            QSKIP("PostgreSQL 15 is not installed (scripts/setup installs postgresql-15)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        registerAttachableStores();
        m_server.createMessageStore();
    }

    void cleanupTestCase() { m_server.stop(); }

    void readsAStoreInPlace()
    {
        auto db = m_server.connect();
        insertDeposits(db, 0, 30);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bank.eventscope"_s);
        const QString url = m_server.url(u"layout=messagedb"_s);

        MainWindow window;
        QVERIFY(window.attachStoreAt(url, path));
        QCOMPARE(window.playhead()->count(), qint64(30));
        QCOMPARE(window.eventsPane()->model()->rowCount(), 30);
        QVERIFY2(window.workspaceStatus()->text().contains(u"30 events, read in place"_s),
                 qPrintable(window.workspaceStatus()->text()));
        QTRY_VERIFY2(window.workspaceStatus()->text().contains(u"3 streams"_s),
                     qPrintable(window.workspaceStatus()->text())); // counted off the GUI thread
        QCOMPARE(ConnectDialog::profiles().value(0), url);

        // Another writer appends to the store: the window sees it within a second or two.
        window.playhead()->setPosition(30);
        insertDeposits(db, 30, 6);
        QTRY_COMPARE_WITH_TIMEOUT(window.playhead()->count(), qint64(36), 10000);
        QTRY_COMPARE(window.eventsPane()->model()->rowCount(), 36);

        // Reopened later, it still reads the server (the workspace holds no events).
        QVERIFY(window.openWorkspace(path));
        QCOMPARE(window.playhead()->count(), qint64(36));
    }

    void refusesWhatCannotBeAttached()
    {
        QTemporaryDir dir;
        MainWindow window;
        QSignalSpy errors(&window, &MainWindow::errorOccurred);
        const QString path = dir.filePath(u"nowhere.eventscope"_s);
        QVERIFY(
            !window.attachStoreAt(u"postgresql://eventscope@127.0.0.1:1/postgres?layout=messagedb"_s, path));
        QCOMPARE(errors.size(), 1);
        QVERIFY(!QFileInfo::exists(path)); // nothing left behind

        ConnectDialog dialog(nullptr, ConnectDialog::Purpose::Attach);
        dialog.setUrl(u"sqlite://"_s + dir.filePath(u"x.db"_s) + u"?layout=eventsourcing"_s);
        QVERIFY(!dialog.isValid()); // only PostgreSQL is read in place
        dialog.setUrl(m_server.url(u"layout=messagedb&category=account"_s));
        QVERIFY(!dialog.isValid());
        dialog.setUrl(m_server.url(u"layout=messagedb"_s));
        QVERIFY(dialog.isValid());
    }
};

QTEST_MAIN(TestAttachWindow)
#include "tst_attachwindow.moc"
