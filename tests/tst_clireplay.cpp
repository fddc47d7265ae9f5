// eventscope-cli's replay commands as a user runs them: state, diff, verify and series over a small
// shop log (tests/data/replay), their JSON on stdout, their errors and exit codes.
#include "json/jsonvalue.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::testing;

class TestCliReplay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_workspace;

    QString fixture(const char* name) const
    {
        return QFINDTESTDATA(QStringLiteral("data/replay/") + QLatin1String(name));
    }

    // Runs a command that must succeed with `exitCode` and returns its JSON.
    json::Value run(const QStringList& arguments, int exitCode = 0)
    {
        const ProgramRun result = runCli(arguments);
        if (result.exitCode != exitCode)
            qWarning().noquote() << describe(result);
        [&] { QCOMPARE(result.exitCode, exitCode); }();
        QString error;
        auto value = json::parse(result.out.toUtf8(), &error);
        if (!value)
            qWarning().noquote() << "not JSON:" << error << result.out;
        return value.value_or(json::Value());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("shop.eventscope"));
        const ProgramRun imported = runCli({QStringLiteral("import"), m_workspace, fixture("shop.jsonl")});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
    }

    void stateOfTheBuiltinProjection()
    {
        const json::Value out =
            run({QStringLiteral("state"), m_workspace, QStringLiteral("--at"), QStringLiteral("4"),
                 QStringLiteral("--stream"), QStringLiteral("sku-1")});
        // Members in a fixed order, for scripts.
        QCOMPARE(QByteArray(json::toJson(out)),
                 QByteArray("{\"projection\":\"builtin\",\"position\":4,\"time\":\"2025-03-01T10:00:01Z\","
                            "\"stream\":\"sku-1\",\"state\":{\"sku\":\"sku-1\",\"qty\":3,\"$version\":2,"
                            "\"$lastType\":\"StockReserved\",\"$lastPosition\":4,"
                            "\"$counts\":{\"StockReceived\":1,\"StockReserved\":1}}}"));
    }

    void stateAtATimeOfAScriptedProjection_data()
    {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("end") << QStringList() << QByteArray("{\"sku-1\":{\"stock\":8},\"sku-2\":{\"stock\":0}}");
        QTest::addRow("position 0") << QStringList{QStringLiteral("--at"), QStringLiteral("0")} << QByteArray("{}");
        QTest::addRow("a time between events")
            << QStringList{QStringLiteral("--at-time"), QStringLiteral("2025-03-02T08:30:00Z")}
            << QByteArray("{\"sku-1\":{\"stock\":2},\"sku-2\":{\"stock\":0}}");
    }

    void stateAtATimeOfAScriptedProjection()
    {
        QFETCH(QStringList, where);
        QFETCH(QByteArray, expected);
        const json::Value out = run(QStringList{QStringLiteral("state"), m_workspace, QStringLiteral("--projection"),
                                                fixture("stock.js")} +
                                    where);
        QCOMPARE(out["projection"].toQString(), QStringLiteral("stock.js"));
        QCOMPARE(json::toJson(out["state"]), expected);
    }

    void statePath()
    {
        const json::Value out = run({QStringLiteral("state"), m_workspace, QStringLiteral("--projection"),
                                     fixture("stock.js"), QStringLiteral("--path"), QStringLiteral("[\"sku-1\"].stock")});
        QCOMPARE(out["path"].toQString(), QStringLiteral("[\"sku-1\"].stock"));
        QCOMPARE(out["state"].toDouble(), 8.0);
    }

    void upcastersApplyBeforeTheProjection()
    {
        const json::Value out = run({QStringLiteral("state"), m_workspace, QStringLiteral("--upcasters"),
                                     fixture("upcasters.js"), QStringLiteral("--stream"), QStringLiteral("order-1")});
        QCOMPARE(out["state"]["shippingAddress"]["street"].toQString(), QStringLiteral("1 Main St"));
        QVERIFY(!out["state"].find("shipTo"));
    }

    void diffWithTheEventsThatChangedAPath()
    {
        const json::Value out = run({QStringLiteral("diff"), m_workspace, QStringLiteral("--from"), QStringLiteral("1"),
                                     QStringLiteral("--to"), QStringLiteral("8"), QStringLiteral("--projection"),
                                     fixture("stock.js"), QStringLiteral("--path"), QStringLiteral("[\"sku-1\"].stock")});
        QCOMPARE(json::toJson(out["changed"]),
                 QByteArray("[{\"path\":\"[\\\"sku-1\\\"].stock\",\"before\":5,\"after\":8}]"));
        QCOMPARE(json::toJson(out["added"]), QByteArray("[]"));
        QCOMPARE(out["changedBy"].size(), std::size_t(3));
        QCOMPARE(out["changedBy"].at(0)["position"].toDouble(), 4.0);
        QCOMPARE(out["changedBy"].at(2)["type"].toQString(), QStringLiteral("StockReceived"));
    }

    void diffOfWholeStates()
    {
        const json::Value out = run({QStringLiteral("diff"), m_workspace, QStringLiteral("--from"), QStringLiteral("2"),
                                     QStringLiteral("--to"), QStringLiteral("3")});
        QCOMPARE(out["added"].size(), std::size_t(1));
        QCOMPARE(out["added"].at(0)["path"].toQString(), QStringLiteral("[\"order-1\"]"));
        QCOMPARE(out["changed"].size(), std::size_t(0));
    }

    void verifyReportsTheFirstViolationOfEach()
    {
        const json::Value out =
            run({QStringLiteral("verify"), m_workspace, QStringLiteral("--invariants"), fixture("invariants.js")}, 1);
        QCOMPARE(out["events"].toDouble(), 8.0);
        const json::Value& negative = out["invariants"].at(0);
        QCOMPARE(negative["name"].toQString(), QStringLiteral("stock never negative"));
        QCOMPARE(negative["holds"].toBool(), false);
        QCOMPARE(negative["position"].toDouble(), 7.0);
        QCOMPARE(negative["partition"].toQString(), QStringLiteral("sku-1"));
        QCOMPARE(negative["event"]["id"].toQString(), QStringLiteral("e7"));
        QCOMPARE(negative["before"]["stock"].toDouble(), 2.0);
        QCOMPARE(negative["after"]["stock"].toDouble(), -2.0);
        QCOMPARE(json::toJson(out["invariants"].at(1)), QByteArray("{\"name\":\"stock under 100\",\"holds\":true}"));
        QCOMPARE(out["breakpoints"].at(0)["hit"].toBool(), true);
        QCOMPARE(out["breakpoints"].at(0)["position"].toDouble(), 7.0);
        // From after the violation on, everything holds.
        const json::Value later = run({QStringLiteral("verify"), m_workspace, QStringLiteral("--invariants"),
                                       fixture("invariants.js"), QStringLiteral("--from"), QStringLiteral("8")});
        QCOMPARE(later["invariants"].at(0)["holds"].toBool(), true);
    }

    void seriesEveryDayAndAtChanges()
    {
        const json::Value daily = run({QStringLiteral("series"), m_workspace, QStringLiteral("--projection"),
                                       fixture("stock.js"), QStringLiteral("--expr"), QStringLiteral("s['sku-1'].stock"),
                                       QStringLiteral("--every"), QStringLiteral("1d")});
        QCOMPARE(daily["expressions"].at(0).toQString(), QStringLiteral("s['sku-1'].stock"));
        const json::Value& points = daily["points"];
        QCOMPARE(points.size(), std::size_t(3));
        QCOMPARE(points.at(0)["period"].toQString(), QStringLiteral("2025-03-01T00:00:00Z"));
        QCOMPARE(points.at(0)["position"].toDouble(), 4.0);
        QCOMPARE(points.at(0)["values"].at(0).toDouble(), 2.0);
        QCOMPARE(points.at(1)["values"].at(0).toDouble(), -2.0);
        QCOMPARE(points.at(2)["values"].at(0).toDouble(), 8.0);

        const json::Value changes =
            run({QStringLiteral("series"), m_workspace, QStringLiteral("--projection"), fixture("stock.js"),
                 QStringLiteral("--expr"), QStringLiteral("s => s['sku-2'] ? s['sku-2'].stock : null"),
                 QStringLiteral("--changes")});
        QCOMPARE(changes["points"].size(), std::size_t(2));
        QCOMPARE(changes["points"].at(0)["position"].toDouble(), 2.0);
        QCOMPARE(changes["points"].at(1)["values"].at(0).toDouble(), 0.0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas");
        const QString ws = QStringLiteral("{ws}");
        QTest::addRow("script error names script, line and position")
            << QStringList{QStringLiteral("state"), ws, QStringLiteral("--projection"), QStringLiteral("broken.js")} << 3
            << QStringLiteral("broken.js:4: TypeError: Cannot read property 'length' of undefined (event at position 3)");
        QTest::addRow("runaway script stopped")
            << QStringList{QStringLiteral("state"), ws, QStringLiteral("--projection"), QStringLiteral("runaway.js"),
                           QStringLiteral("--time-limit"), QStringLiteral("300")}
            << 3 << QStringLiteral("runaway.js: the script ran longer than 300 ms");
        QTest::addRow("missing script") << QStringList{QStringLiteral("state"), ws, QStringLiteral("--projection"),
                                                       QStringLiteral("nothere.js")}
                                        << 3 << QStringLiteral("nothere.js");
        QTest::addRow("position out of range")
            << QStringList{QStringLiteral("state"), ws, QStringLiteral("--at"), QStringLiteral("99")} << 2
            << QStringLiteral("position 99 is outside 0..8");
        QTest::addRow("bad path") << QStringList{QStringLiteral("state"), ws, QStringLiteral("--path"), QStringLiteral("a[")}
                                  << 2 << QStringLiteral("--path");
        QTest::addRow("diff needs both ends")
            << QStringList{QStringLiteral("diff"), ws, QStringLiteral("--from"), QStringLiteral("1")} << 2
            << QStringLiteral("--from and --to are needed");
        QTest::addRow("verify needs invariants") << QStringList{QStringLiteral("verify"), ws} << 2
                                                 << QStringLiteral("--invariants is needed");
        QTest::addRow("invariants without checks")
            << QStringList{QStringLiteral("verify"), ws, QStringLiteral("--invariants"), QStringLiteral("stock.js")} << 3
            << QStringLiteral("declares no invariant");
        QTest::addRow("series needs an expression") << QStringList{QStringLiteral("series"), ws} << 2
                                                    << QStringLiteral("at least one --expr");
        QTest::addRow("malformed expression")
            << QStringList{QStringLiteral("series"), ws, QStringLiteral("--expr"), QStringLiteral("s.a +")} << 3
            << QStringLiteral("column");
        QTest::addRow("bad period") << QStringList{QStringLiteral("series"), ws, QStringLiteral("--expr"),
                                                   QStringLiteral("s"), QStringLiteral("--every"), QStringLiteral("1y")}
                                    << 2 << QStringLiteral("--every takes a period");
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        for (QString& argument : arguments) {
            if (argument == QStringLiteral("{ws}"))
                argument = m_workspace;
            else if (argument.endsWith(QStringLiteral(".js")) && argument != QStringLiteral("nothere.js"))
                argument = fixture(argument.toUtf8().constData());
        }
        const ProgramRun result = runCli(arguments);
        QVERIFY2(result.exitCode == exitCode && result.err.contains(stderrHas), qPrintable(describe(result)));
        QVERIFY(result.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliReplay)
#include "tst_clireplay.moc"
