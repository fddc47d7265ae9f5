// An import is one transaction: killed (SIGKILL) or interrupted (SIGINT) at any moment, the
// workspace opens afterwards holding exactly what it held before, and takes the next import.
// The moments are found by watching how many bytes the import process has read (/proc/PID/io):
// eventscope-cli reads the file once to hash it, then once more to import it.
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <functional>
#include <tuple>

#include <signal.h>

using namespace eventscope;
using namespace Qt::StringLiterals;
using eventscope::testing::cliPath;
using eventscope::testing::describe;
using eventscope::testing::generatorPath;
using eventscope::testing::runProgram;

namespace {

constexpr int bigEvents = 300000;
constexpr int previousEvents = 50;
constexpr int extraEvents = 20;
// Generating the big file and importing it take a while on a slow machine.
constexpr int runTimeoutMs = 300000;

// Bytes a process has read through read(2) so far (Linux); -1 when unknown.
qint64 bytesReadBy(qint64 pid)
{
    QFile io(QStringLiteral("/proc/%1/io").arg(pid));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = io.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).size();
}

// Polls until `reached` holds; false when the process ended (or time ran out) first.
bool waitUntil(QProcess& process, const std::function<bool()>& reached)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 240000) {
        if (process.state() == QProcess::NotRunning)
            return false;
        if (reached())
            return true;
        if (process.waitForFinished(2))
            return false;
    }
    return false;
}

struct Snapshot
{
    std::vector<Event> events;
    QStringList imports; // sha256 of each import, in order
};

Snapshot snapshotOf(const QString& path)
{
    Workspace ws(path, Workspace::OpenMode::ExistingOnly);
    WorkspaceStore store(ws);
    Snapshot s;
    s.events = store.window(1, store.count() + 1);
    for (const auto& record : ws.imports())
        s.imports << record.sha256;
    return s;
}

QString integrityOf(const QString& path)
{
    Workspace ws(path, Workspace::OpenMode::ExistingOnly);
    auto q = ws.database().prepare("PRAGMA integrity_check");
    return q.step() ? q.text(0) : u"<no answer>"_s;
}

} // namespace

class TestImportCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_big;
    QString m_extra;
    QString m_previous; // a workspace holding the small file: the "previous content"
    Snapshot m_previousSnapshot;

    // The row's workspace: a copy of the previous content, or nothing at all.
    QString prepareWorkspace(const QTemporaryDir& dir, bool withPreviousContent)
    {
        const QString path = dir.filePath(u"ws.eventscope"_s);
        if (withPreviousContent && !QFile::copy(m_previous, path))
            qFatal("cannot copy %s", qPrintable(m_previous));
        return path;
    }

    // Until `fraction` of the file is read in the pass named by `stage` ("hashing": the first read
    // of the file, "reading": the second), or for "wal" until the write-ahead log holds that
    // fraction of the file's size: the commit is under way (the page cache holds the rest).
    std::function<bool()> moment(QProcess& process, const QString& workspace, const QString& stage,
                                 double fraction)
    {
        const qint64 size = fileSize(m_big);
        const qint64 pid = process.processId();
        if (stage == QLatin1String("wal")) {
            const qint64 walBytes = qint64(double(size) * fraction);
            return [workspace, walBytes] { return fileSize(workspace + u"-wal"_s) >= walBytes; };
        }
        const qint64 threshold =
            qint64(double(size) * fraction) + (stage == QLatin1String("reading") ? size : 0);
        return [pid, threshold] { return bytesReadBy(pid) >= threshold; };
    }

    // killedDuringCommit: a kill that lands just after the commit may find the import complete.
    void verifyUnchangedAndUsable(const QString& workspace, const Snapshot& before,
                                  bool killedDuringCommit = false)
    {
        try {
            QCOMPARE(integrityOf(workspace), u"ok"_s);
            const Snapshot after = snapshotOf(workspace);
            if (killedDuringCommit && after.events.size() == before.events.size() + size_t(bigEvents))
                QSKIP("the commit completed before the kill landed");
            QCOMPARE(after.events.size(), before.events.size());
            QVERIFY(after.events == before.events);
            QCOMPARE(after.imports, before.imports);
        } catch (const WorkspaceError& error) {
            QFAIL(qPrintable(u"the workspace does not open: "_s + error.message()));
        }
        // A hot journal has been rolled back by the open above.
        QVERIFY(!QFileInfo::exists(workspace + u"-journal"_s));

        const auto next = runProgram(cliPath(), {u"import"_s, workspace, m_extra}, runTimeoutMs);
        QVERIFY2(next.exitCode == 0, qPrintable(describe(next)));
        QVERIFY2(next.err.contains(
                     QStringLiteral("imported %1 events, rejected 0, duplicates 0").arg(extraEvents)),
                 qPrintable(next.err));
        const Snapshot afterNext = snapshotOf(workspace);
        QCOMPARE(afterNext.events.size(), before.events.size() + size_t(extraEvents));
        QCOMPARE(afterNext.imports.size(), before.imports.size() + 1);
    }

private slots:
    void initTestCase()
    {
#ifndef Q_OS_LINUX
        QSKIP("finds the moments to kill at through /proc/PID/io");
#endif
        QVERIFY2(QFileInfo::exists(cliPath()), "build the eventscope-cli target first");
        QVERIFY2(QFileInfo::exists(generatorPath()),
                 qPrintable(u"build the eventscope-generate target first: "_s + generatorPath()));
        QVERIFY(m_dir.isValid());
        QVERIFY2(bytesReadBy(QCoreApplication::applicationPid()) > 0, "/proc/PID/io is not readable here");

        m_big = m_dir.filePath(u"big.jsonl"_s);
        const QString small = m_dir.filePath(u"small.jsonl"_s);
        m_extra = m_dir.filePath(u"extra.jsonl"_s);
        for (const auto& [path, events, seed, start] :
             {std::tuple{m_big, bigEvents, 7, u"2025-03-01T00:00:00Z"_s},
              std::tuple{small, previousEvents, 1, u"2024-01-01T00:00:00Z"_s},
              std::tuple{m_extra, extraEvents, 2, u"2023-06-01T00:00:00Z"_s}}) {
            const auto run = runProgram(generatorPath(),
                                        {u"--events"_s, QString::number(events), u"--seed"_s,
                                         QString::number(seed), u"--start"_s, start, path},
                                        runTimeoutMs);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }

        m_previous = m_dir.filePath(u"previous.eventscope"_s);
        const auto run = runProgram(cliPath(), {u"import"_s, m_previous, small}, runTimeoutMs);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        m_previousSnapshot = snapshotOf(m_previous);
        QCOMPARE(m_previousSnapshot.events.size(), size_t(previousEvents));
        // Closed cleanly: everything is in the main file, which the rows copy.
        QVERIFY(!QFileInfo::exists(m_previous + u"-wal"_s));
    }

    void killedImportLeavesWorkspaceAsBefore_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<bool>("previousContent");

        QTest::addRow("early: hashing the file") << u"hashing"_s << 0.3 << true;
        QTest::addRow("middle: a third of the records inserted") << u"reading"_s << 0.33 << true;
        QTest::addRow("late: nearly all records inserted") << u"reading"_s << 0.9 << true;
        QTest::addRow("committing: the WAL part-written") << u"wal"_s << 0.07 << true;
        // Into an empty workspace the import runs with a rollback journal: a hot journal is left.
        QTest::addRow("empty workspace, middle") << u"reading"_s << 0.5 << false;
    }

    void killedImportLeavesWorkspaceAsBefore()
    {
        QFETCH(QString, stage);
        QFETCH(double, fraction);
        QFETCH(bool, previousContent);
        QTemporaryDir dir;
        const QString workspace = prepareWorkspace(dir, previousContent);

        QProcess process;
        process.start(cliPath(), {u"import"_s, workspace, m_big});
        QVERIFY(process.waitForStarted());
        const bool reached = waitUntil(process, moment(process, workspace, stage, fraction));
        if (!reached) {
            process.waitForFinished();
            if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
                QSKIP("the import finished before the moment to kill it came");
            QFAIL(qPrintable(u"the import ended on its own: "_s +
                             QString::fromUtf8(process.readAllStandardError())));
        }
        const qint64 read = bytesReadBy(process.processId());
        process.kill();
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        // Where the kill landed, for the log: what was read, what the journal files held.
        qInfo("killed after reading %.1f MB of 2 x %.1f MB; -wal %lld bytes, -journal %lld bytes",
              double(read) / 1e6, double(fileSize(m_big)) / 1e6, fileSize(workspace + u"-wal"_s),
              fileSize(workspace + u"-journal"_s));

        verifyUnchangedAndUsable(workspace, previousContent ? m_previousSnapshot : Snapshot{},
                                 stage == QLatin1String("wal"));
    }

    void interruptCancels_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<double>("fraction");
        QTest::addRow("while hashing") << u"hashing"_s << 0.3;
        QTest::addRow("while reading") << u"reading"_s << 0.3;
    }

    void interruptCancels()
    {
        QFETCH(QString, stage);
        QFETCH(double, fraction);
        QTemporaryDir dir;
        const QString workspace = prepareWorkspace(dir, true);

        QProcess process;
        process.start(cliPath(), {u"import"_s, workspace, m_big});
        QVERIFY(process.waitForStarted());
        QVERIFY2(waitUntil(process, moment(process, workspace, stage, fraction)),
                 qPrintable(QString::fromUtf8(process.readAllStandardError())));
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(120000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 3,
                 qPrintable(QStringLiteral("exit %1: %2").arg(process.exitCode()).arg(err)));
        QVERIFY2(err.contains(u"eventscope-cli: import cancelled; the workspace is unchanged"_s),
                 qPrintable(err));
        QVERIFY2(!err.contains(u"imported "_s), qPrintable(err));
        QVERIFY(process.readAllStandardOutput().isEmpty());

        verifyUnchangedAndUsable(workspace, m_previousSnapshot);
    }
};

QTEST_GUILESS_MAIN(TestImportCrash)
#include "tst_importcrash.moc"
