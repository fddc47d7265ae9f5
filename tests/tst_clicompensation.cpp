// Compensating events from the command line, as a user runs them on the generated shop: draft
// corrections for the events that broke the sample's invariants, preview them with whatif (both
// stories fixed), export them in every format, list them with their audit trail.
#include "testsupport.h"

#include "json/jsonvalue.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

QString resource(const QString& name)
{
    return QStringLiteral(QT_TESTCASE_SOURCEDIR "/../resources/projections/") + name;
}

json::Value parsed(const ProgramRun& run)
{
    QString error;
    const auto value = json::parse(run.out.toUtf8(), &error);
    if (!value)
        qWarning().noquote() << "not JSON:" << error << describe(run);
    return value.value_or(json::Value());
}

// What identifies an exported event: everything but its position and provenance.
QString identity(const json::Value& e)
{
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(e["id"].toQString(), e["stream"].toQString(), e["type"].toQString(),
                                         QString::fromUtf8(json::toJson(e["data"])),
                                         e["causationId"].toQString(), e["correlationId"].toQString(),
                                         QString::fromUtf8(json::toJson(e["metadata"])));
}

} // namespace

class TestCliCompensation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_log;
    QString m_ws;

    // A fresh workspace of the generated log, with the sample's corrections drafted in it.
    QString draftedWorkspace(const QString& name)
    {
        const QString ws = m_dir.filePath(name);
        const ProgramRun imported = runCli({u"import"_s, ws, m_log});
        if (imported.exitCode != 0)
            qFatal("cannot import: %s", qPrintable(describe(imported)));
        const ProgramRun drafted =
            runCli({u"draft"_s, ws, u"--violation"_s, resource(u"sample-invariants.js"_s), u"--rules"_s,
                    resource(u"sample-compensations.js"_s), u"--reason"_s, u"stories"_s, u"--author"_s,
                    u"tester"_s});
        if (drafted.exitCode != 0)
            qFatal("cannot draft: %s", qPrintable(describe(drafted)));
        return ws;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(generatorPath()), "build the eventscope-generate target first");
        m_log = m_dir.filePath(u"shop.jsonl"_s);
        QCOMPARE(runProgram(generatorPath(), {u"--events"_s, u"6000"_s, u"--seed"_s, u"7"_s, m_log}).exitCode,
                 0);
        m_ws = draftedWorkspace(u"shop.eventscope"_s);
    }

    void draftsForTheBrokenInvariants()
    {
        const json::Value list = parsed(runCli({u"drafts"_s, m_ws}))["drafts"];
        QVERIFY(list.size() >= 2);
        int corrected = 0;
        int released = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json::Value& d = list.at(i);
            QCOMPARE(d["status"].toQString(), u"draft"_s);
            QCOMPARE(d["author"].toQString(), u"tester"_s);
            QCOMPARE(d["origin"].toQString(), u"rule sample-compensations.js"_s);
            QVERIFY(!d["causationId"].toQString().isEmpty());
            QCOMPARE(d["metadata"]["causationId"], d["causationId"]);
            QCOMPARE(d["metadata"]["compensates"]["id"], d["causationId"]);
            if (d["type"].toQString() == u"InvoiceCorrected"_s) {
                ++corrected;
                QCOMPARE(d["compensates"]["type"].toQString(), u"InvoiceIssued"_s);
                const double difference = d["data"]["difference"].toDouble();
                QVERIFY(difference < 0); // the VAT was added twice
                QCOMPARE(d["data"]["total"].toDouble() - d["data"]["previousTotal"].toDouble(), difference);
            } else {
                QCOMPARE(d["type"].toQString(), u"StockReleased"_s);
                QCOMPARE(d["data"]["reason"].toQString(), u"oversold"_s);
                ++released;
            }
        }
        QVERIFY(corrected > 0);
        QCOMPARE(released, 1); // the one reservation of the overselling race
    }

    // Both planted stories are fixed by the drafts: their invariants, violated at the end of the
    // actual log, hold with the drafts appended, and no invariant breaks.
    void whatIfFixesBothStories()
    {
        const ProgramRun run =
            runCli({u"whatif"_s, m_ws, u"--invariants"_s, resource(u"sample-invariants.js"_s)});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const json::Value report = parsed(run);
        QMap<QString, json::Value> byName;
        for (std::size_t i = 0; i < report["invariants"].size(); ++i)
            byName.insert(report["invariants"].at(i)["name"].toQString(), report["invariants"].at(i));
        for (const QString& name :
             {u"invoice total equals order total"_s, u"every oversold reservation released"_s}) {
            QVERIFY2(byName.contains(name), qPrintable(name));
            QVERIFY2(!byName[name]["actual"]["holds"].toBool(), qPrintable(name));
            QVERIFY2(byName[name]["corrected"]["holds"].toBool(), qPrintable(name));
            QCOMPARE(byName[name]["fixed"].size(),
                     std::size_t(byName[name]["actual"]["violations"].toDouble()));
        }
        for (const json::Value& outcome : byName)
            QCOMPARE(outcome["broken"].size(), std::size_t(0));
        QCOMPARE(report["corrected"]["position"].toDouble() - report["actual"]["position"].toDouble(),
                 report["drafts"].toDouble());
        QVERIFY(report["diff"]["changed"].size() > 0);
    }

    // The corrected state is the state of the log with the drafts really in it.
    void whatIfEqualsImportingTheDrafts()
    {
        const QString ws = draftedWorkspace(u"whatif.eventscope"_s);
        const json::Value preview =
            parsed(runCli({u"whatif"_s, ws, u"--projection"_s, resource(u"sample-invariants.js"_s)}));
        const QString out = m_dir.filePath(u"whatif-drafts.jsonl"_s);
        QCOMPARE(runCli({u"export"_s, ws, out, u"--drafts"_s}).exitCode, 0);
        const QString imported = m_dir.filePath(u"imported.eventscope"_s);
        QCOMPARE(runCli({u"import"_s, imported, m_log}).exitCode, 0);
        QCOMPARE(runCli({u"import"_s, imported, out, u"--order"_s, u"source"_s}).exitCode, 0);
        const json::Value replayed =
            parsed(runCli({u"state"_s, imported, u"--projection"_s, resource(u"sample-invariants.js"_s)}));
        QCOMPARE(replayed["position"], preview["corrected"]["position"]);
        QVERIFY(replayed["state"] == preview["corrected"]["state"]);
        QVERIFY(!(replayed["state"] == preview["actual"]["state"]));
    }

    void exportRoundTrips_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* format :
             {"jsonl", "cloudevents-json", "cloudevents-batch", "cloudevents-proto", "delimited-proto"})
            QTest::newRow(format) << QString::fromLatin1(format);
    }

    void exportRoundTrips()
    {
        QFETCH(QString, format);
        const QString out = m_dir.filePath(u"drafts-"_s + format);
        const ProgramRun exported = runCli({u"export"_s, m_ws, out, u"--drafts"_s, u"--format"_s, format});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        const QString back = m_dir.filePath(u"back-%1.eventscope"_s.arg(format));
        const ProgramRun imported = runCli({u"import"_s, back, out});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
        const json::Value preview = parsed(runCli({u"whatif"_s, m_ws}));
        const ProgramRun events = runCli({u"events"_s, back, u"--format"_s, u"jsonl"_s});
        const QStringList lines = events.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(std::size_t(lines.size()), preview["events"].size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(identity(*json::parse(lines[i].toUtf8())),
                     identity(preview["events"].at(std::size_t(i))));
    }

    void exportedDraftsKeepTheirAuditTrail()
    {
        QCOMPARE(runCli({u"export"_s, m_ws, m_dir.filePath(u"audit.jsonl"_s), u"--drafts"_s}).exitCode, 0);
        const ProgramRun run = runCli({u"drafts"_s, m_ws, u"--status"_s, u"exported"_s, u"--audit"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const json::Value report = parsed(run);
        QVERIFY(report["drafts"].size() > 0);
        int exports = 0;
        for (std::size_t i = 0; i < report["audit"].size(); ++i)
            exports += report["audit"].at(i)["action"].toQString() == u"exported"_s;
        QVERIFY(exports >= int(report["drafts"].size()));
        // What went out is history: it cannot be deleted.
        const QString id = QString::number(report["drafts"].at(0)["id"].toDouble());
        const ProgramRun deleted = runCli({u"drafts"_s, m_ws, u"--delete"_s, id});
        QCOMPARE(deleted.exitCode, 3);
        QVERIFY2(deleted.err.contains(u"history"_s), qPrintable(describe(deleted)));
    }

    void filtersCombine()
    {
        const QString ws = m_dir.filePath(u"filters.eventscope"_s);
        QCOMPARE(runCli({u"import"_s, ws, m_log}).exitCode, 0);
        const ProgramRun run = runCli({u"draft"_s, ws, u"--filter"_s, u"position == 5"_s, u"--filter"_s,
                                       u"position == 9"_s, u"--position"_s, u"5"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const json::Value drafts = parsed(run)["drafts"];
        QCOMPARE(drafts.size(), std::size_t(2)); // 5 and 9, each once
        QCOMPARE(drafts.at(0)["compensates"]["position"].toDouble(), 5.0);
        QCOMPARE(drafts.at(1)["compensates"]["position"].toDouble(), 9.0);
    }

    void genericReversal()
    {
        const QString ws = m_dir.filePath(u"reverse.eventscope"_s);
        QCOMPARE(runCli({u"import"_s, ws, m_log}).exitCode, 0);
        const json::Value event = *json::parse(
            runCli({u"events"_s, ws, u"--type"_s, u"StockReserved"_s, u"--limit"_s, u"1"_s}).out.toUtf8());
        const ProgramRun run =
            runCli({u"draft"_s, ws, u"--event"_s, event["id"].toQString(), u"--reverse"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const json::Value draft = parsed(run)["drafts"].at(0);
        QCOMPARE(draft["type"].toQString(), u"StockReservedReversed"_s);
        QCOMPARE(draft["data"]["qty"].toDouble(), -event["data"]["qty"].toDouble());
        QCOMPARE(draft["data"]["sku"], event["data"]["sku"]);
        QCOMPARE(draft["metadata"]["reverses"], event["id"]);
        // The version the stream ends at now, which an append will expect.
        const QStringList history = runCli({u"events"_s, ws, u"--stream"_s, event["stream"].toQString()})
                                        .out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(draft["expectedVersion"], (*json::parse(history.last().toUtf8()))["streamVersion"]);
        QCOMPARE(draft["origin"].toQString(), u"reversal"_s);
    }

    void mistakesAreReported_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("nothing to compensate") << QStringList{u"draft"_s} << 2 << u"say which events"_s;
        QTest::addRow("unknown event")
            << QStringList{u"draft"_s, u"--event"_s, u"nope"_s} << 2 << u"no event with id nope"_s;
        QTest::addRow("rules and reverse")
            << QStringList{u"draft"_s,     u"--position"_s, u"1"_s,
                           u"--reverse"_s, u"--rules"_s,    resource(u"sample-compensations.js"_s)}
            << 2 << u"exclude each other"_s;
        QTest::addRow("a script without rules")
            << QStringList{u"draft"_s, u"--position"_s, u"1"_s, u"--rules"_s, resource(u"stock-per-sku.js"_s)}
            << 3 << u"declares no compensation rule"_s;
        QTest::addRow("bad filter") << QStringList{u"draft"_s, u"--filter"_s, u"typ == 1"_s} << 2
                                    << u"--filter"_s;
        QTest::addRow("a stream of a single state")
            << QStringList{u"whatif"_s, u"--projection"_s, resource(u"revenue-per-day.js"_s), u"--stream"_s,
                           u"sku-1"_s}
            << 2 << u"--stream cannot pick a part of it"_s;
    }

    void mistakesAreReported()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        arguments.insert(1, m_ws);
        const ProgramRun run = runCli(arguments);
        QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(message), qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestCliCompensation)
#include "tst_clicompensation.moc"
