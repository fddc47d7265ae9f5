// `eventscope-cli follow` as a user runs it: help and usage, URL errors (exit 2, the part at
// fault named), catching up and resuming, following until SIGTERM or SIGINT (exit 0) while this
// process appends, bad rows (exit 3, or 1 when skipped), and status lines that do not flood.
#include "testsupport.h"
#include "tst_livesupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace eventscope;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

qint64 countOrMinusOne(const QString& path)
{
    try {
        return eventCount(path);
    } catch (const sqlite::Error&) {
        return -1;
    }
}

QString storeUrl(const QString& path)
{
    return u"sqlite://"_s + path + u"?layout=eventsourcing"_s;
}

// A follow running in the background, its stderr collected as it comes.
class FollowProcess
{
public:
    explicit FollowProcess(const QStringList& arguments)
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += QString::fromUtf8(m_process.readAllStandardError()); });
        m_process.start(cliPath(), QStringList{u"follow"_s} + arguments);
    }
    ~FollowProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    QProcess& process() { return m_process; }
    QString err() const { return m_err; }
    void finish()
    {
        m_process.waitForFinished(60000);
        m_err += QString::fromUtf8(m_process.readAllStandardError());
    }

private:
    QProcess m_process;
    QString m_err;
};

} // namespace

class TestLiveCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(cliPath()), "build the eventscope-cli target first"); }

    void help()
    {
        const auto usage = runCli({u"--help"_s});
        QCOMPARE(usage.exitCode, 0);
        QVERIFY2(usage.out.contains(u"follow WORKSPACE --source URL"_s), qPrintable(describe(usage)));
        const auto help = runCli({u"follow"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const QString& expected :
             {u"usage: eventscope-cli follow WORKSPACE --source URL"_s, u"--source <URL>"_s,
              u"sqlite:///path/file.db?layout=eventsourcing"_s, u"--from <POSITION>"_s,
              u"--until-caught-up"_s, u"--batch-size <N>"_s, u"--skip-bad-rows"_s})
            QVERIFY2(help.out.contains(expected), qPrintable(expected + u"\n"_s + describe(help)));
    }

    // {store} an eventsourcing store, {ws} a workspace path, {tmp} the row's directory.
    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderr"); // the whole of it

        QTest::addRow("no source")
            << QStringList{u"{ws}"_s} << 2
            << u"eventscope-cli follow: --source URL is needed\nusage: eventscope-cli follow "
               "WORKSPACE --source URL [--from POSITION] [--until-caught-up]\n       "
               "[--batch-size N] [--skip-bad-rows] [--install-trigger]\n       eventscope-cli follow "
               "--source "
               "postgresql://... --show-trigger-sql\n"_s;
        QTest::addRow("postgresql, password in the URL")
            << QStringList{u"{ws}"_s, u"--source"_s,
                           u"postgresql://ada:secret@127.0.0.1:5432/db?layout=messagedb"_s}
            << 2
            << u"eventscope-cli follow: --source: a password in the URL is not accepted (the URL is kept in "
               u"the "
               "workspace): use PGPASSWORD or ~/.pgpass\n"_s;
        QTest::addRow("postgresql, nothing listening")
            << QStringList{u"{ws}"_s, u"--source"_s,
                           u"postgresql://eventscope@127.0.0.1:1/db?layout=messagedb"_s,
                           u"--until-caught-up"_s}
            << 3 << u"{connection refused}"_s;
        QTest::addRow("trigger on a file")
            << QStringList{u"{ws}"_s, u"--source"_s, u"sqlite://{store}"_s, u"--install-trigger"_s} << 2
            << u"eventscope-cli follow: --install-trigger: only PostgreSQL sources have a NOTIFY trigger\n"_s;
        QTest::addRow("trigger SQL of a file")
            << QStringList{u"--source"_s, u"sqlite://{store}"_s, u"--show-trigger-sql"_s} << 2
            << u"eventscope-cli follow: --show-trigger-sql: only PostgreSQL sources have a NOTIFY trigger "
               u"(this "
               "is sqlite://)\n"_s;
        QTest::addRow("bad parameter")
            << QStringList{u"{ws}"_s, u"--source"_s, u"sqlite://{store}?layout=nope"_s} << 2
            << u"eventscope-cli follow: --source: layout=nope: unknown layout (one of: "
               "eventsourcing, eventscope, table, messagedb, marten)\n"_s;
        QTest::addRow("bad --from")
            << QStringList{u"{ws}"_s, u"--source"_s, u"sqlite://{store}"_s, u"--from"_s, u"0"_s} << 2
            << u"eventscope-cli follow: --from takes a source position, 1 or more\n"_s;
        QTest::addRow("itself") << QStringList{u"{tmp}/self.eventscope"_s, u"--source"_s,
                                               u"sqlite://{tmp}/self.eventscope"_s}
                                << 2 << u"eventscope-cli follow: the source is the workspace itself\n"_s;
        QTest::addRow("no such file")
            << QStringList{u"{ws}"_s, u"--source"_s, u"sqlite://{tmp}/gone.db"_s} << 3
            << u"connecting\neventscope-cli follow: {tmp}/gone.db: no such file\nappended 0 events, "
               "duplicates 0, rejected 0\n"_s;
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderr);
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto db = createEventsourcingStore(store);
            appendAccountEvents(db, 0, 3);
        }
        {
            Workspace self(dir.filePath(u"self.eventscope"_s));
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        for (QString& argument : arguments)
            argument.replace(u"{store}"_s, store).replace(u"{ws}"_s, ws).replace(u"{tmp}"_s, dir.path());
        const auto run = runCli(QStringList{u"follow"_s} + arguments);
        QCOMPARE(run.exitCode, exitCode);
        if (stderr == u"{connection refused}"_s) {
            // libpq's wording varies; the follow names the source and gives up at once with
            // --until-caught-up instead of retrying for ever.
            QVERIFY2(run.err.contains(u"eventscope-cli follow: db@127.0.0.1:1 (messagedb): "_s) &&
                         run.err.contains(u"Connection refused"_s),
                     qPrintable(describe(run)));
        } else {
            QCOMPARE(run.err, QString(stderr).replace(u"{tmp}"_s, dir.path()));
        }
        QVERIFY(run.out.isEmpty());
        QVERIFY2(!QFileInfo::exists(ws), "a failed follow leaves no workspace behind");
    }

    // Catch up and stop; again: resume after what is there.
    // The trigger's SQL is shown without connecting (nothing listens on this port), exactly as
    // --install-trigger would run it.
    void showTriggerSql()
    {
        const auto run = runCli({u"follow"_s, u"--source"_s,
                                 u"postgresql://eventscope@127.0.0.1:1/shop?layout=marten&schema=events"_s,
                                 u"--show-trigger-sql"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out,
                 u"-- Lets `eventscope-cli follow` wake on each commit to events.mt_events instead of "
                 "polling.\n-- Run it as the table's owner, or: eventscope-cli follow WORKSPACE --source URL "
                 "--install-trigger\n"
                 "BEGIN;\n"
                 "CREATE OR REPLACE FUNCTION \"events\".eventscope_notify_append() RETURNS trigger LANGUAGE "
                 "plpgsql AS $$\n"
                 "BEGIN\n"
                 "    PERFORM pg_notify('eventscope_append', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);\n"
                 "    RETURN NULL;\n"
                 "END $$;\n"
                 "DROP TRIGGER IF EXISTS eventscope_notify_append ON \"events\".mt_events;\n"
                 "CREATE TRIGGER eventscope_notify_append AFTER INSERT ON \"events\".mt_events FOR EACH "
                 "STATEMENT EXECUTE FUNCTION \"events\".eventscope_notify_append();\n"
                 "COMMIT;\n"_s);
        QVERIFY(run.err.isEmpty());
    }

    void untilCaughtUpAndResume()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 30);
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const QStringList arguments{u"follow"_s, ws, u"--source"_s, storeUrl(store), u"--until-caught-up"_s};

        const auto first = runCli(arguments);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.endsWith(u"caught up with "_s + storeUrl(store) +
                                    u" at position 30: appended 30 events, duplicates 0, rejected 0\n"_s),
                 qPrintable(describe(first)));
        const auto events = runCli({u"events"_s, ws, u"--format"_s, u"jsonl"_s});
        QCOMPARE(events.out.count(u'\n'), 30);
        const auto firstEvent = QJsonDocument::fromJson(events.out.section(u'\n', 0, 0).toUtf8()).object();
        QCOMPARE(firstEvent.value("type"_L1).toString(), u"Account.Opened"_s);
        QCOMPARE(firstEvent.value("stream"_L1).toString(), u"Account-"_s + accountId(0));

        appendAccountEvents(writer, 30, 5);
        const auto second = runCli(arguments);
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.err.startsWith(u"connecting\nresuming "_s + storeUrl(store) +
                                       u" after source position 30\n"_s),
                 qPrintable(describe(second)));
        QVERIFY2(second.err.endsWith(u"at position 35: appended 5 events, duplicates 0, rejected 0\n"_s),
                 qPrintable(describe(second)));
        QCOMPARE(eventCount(ws), 35);
    }

    // Following until a signal: rows this process appends arrive while it runs; SIGTERM and
    // SIGINT end it cleanly (exit 0) with everything appended kept.
    void followsUntilSignalled_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addRow("SIGTERM") << int(SIGTERM);
        QTest::addRow("SIGINT") << int(SIGINT);
    }

    void followsUntilSignalled()
    {
        QFETCH(int, signal);
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 30);
        const QString ws = dir.filePath(u"ws.eventscope"_s);

        FollowProcess follow({ws, u"--source"_s, storeUrl(store)});
        QVERIFY(follow.process().waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(follow.err().contains(u"following: position 30, head 30, lag 0"_s), 30000);
        for (int batch = 0; batch < 3; ++batch) {
            appendAccountEvents(writer, 30 + batch * 10, 10);
            QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), 40 + batch * 10, 30000);
        }
        ::kill(pid_t(follow.process().processId()), signal);
        follow.finish();
        QCOMPARE(follow.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(follow.process().exitCode(), 0);
        QVERIFY2(follow.err().endsWith(u"stopped following "_s + storeUrl(store) +
                                       u" at position 60: appended 60 events, duplicates 0, rejected 0\n"_s),
                 qPrintable(follow.err()));
        QCOMPARE(eventCount(ws), 60);
    }

    void badRow()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto writer = createEventsourcingStore(store);
            appendAccountEvents(writer, 0, 2);
            appendStoredEvent(writer, accountId(4), 1, QString(), accountState("2025-03-01T11:00:00Z", {}));
            appendAccountEvents(writer, 2, 2);
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const QStringList arguments{u"follow"_s, ws, u"--source"_s, storeUrl(store), u"--until-caught-up"_s};
        const auto failed = runCli(arguments);
        QCOMPARE(failed.exitCode, 3);
        QVERIFY2(
            failed.err.endsWith(u"eventscope-cli follow: rowid 3: topic is empty; nothing of its batch was "
                                "appended (the workspace holds this source up to position 0)\nappended 0 "
                                "events, duplicates 0, rejected 0\n"_s),
            qPrintable(describe(failed)));
        QVERIFY(!QFileInfo::exists(ws));

        const auto skipped = runCli(arguments + QStringList{u"--skip-bad-rows"_s});
        QCOMPARE(skipped.exitCode, 1);
        QVERIFY2(skipped.err.contains(u"bank.db (eventsourcing): rowid 3: topic is empty\n"_s),
                 qPrintable(describe(skipped)));
        QVERIFY2(skipped.err.endsWith(u"at position 5: appended 4 events, duplicates 0, rejected 1\n"_s),
                 qPrintable(describe(skipped)));
    }

    // Status lines come once per batch at most once a second (and on changes of state): many
    // small batches do not make many lines.
    void statusLinesDoNotFlood()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto writer = createEventsourcingStore(store);
            appendAccountEvents(writer, 0, 2000);
        }
        QElapsedTimer timer;
        timer.start();
        const auto run = runCli({u"follow"_s, dir.filePath(u"ws.eventscope"_s), u"--source"_s,
                                 storeUrl(store), u"--until-caught-up"_s, u"--batch-size"_s, u"10"_s});
        const qint64 seconds = timer.elapsed() / 1000;
        QCOMPARE(run.exitCode, 0);
        const qint64 statusLines = run.err.count(u"catching up: "_s) + run.err.count(u"following: "_s);
        // 200 batches; one line a second at most, plus the first and one per change of state.
        QVERIFY2(statusLines <= seconds + 4, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(u"appended 2000 events"_s), qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestLiveCli)
#include "tst_livecli.moc"
