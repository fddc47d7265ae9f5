#include "timeformat.h"

#include <QTest>

using namespace eventscope;

class TestTimeFormat : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("micros");

        const qint64 base = 1740830400LL * 1000000; // 2025-03-01T12:00:00Z
        QTest::addRow("utc Z") << "2025-03-01T12:00:00Z" << true << base;
        QTest::addRow("lower-case z and t") << "2025-03-01t12:00:00z" << true << base;
        QTest::addRow("no offset means UTC") << "2025-03-01T12:00:00" << true << base;
        QTest::addRow("space separator") << "2025-03-01 12:00:00Z" << true << base;
        QTest::addRow("positive offset") << "2025-03-01T14:00:00+02:00" << true << base;
        QTest::addRow("negative offset") << "2025-03-01T07:30:00-04:30" << true << base;
        QTest::addRow("offset without colon") << "2025-03-01T14:00:00+0200" << true << base;
        QTest::addRow("milliseconds") << "2025-03-01T12:00:00.123Z" << true << base + 123000;
        QTest::addRow("microseconds") << "2025-03-01T12:00:00.123456Z" << true << base + 123456;
        QTest::addRow("nanoseconds truncated") << "2025-03-01T12:00:00.123456789Z" << true << base + 123456;
        QTest::addRow("comma fraction") << "2025-03-01T12:00:00,5Z" << true << base + 500000;
        QTest::addRow("date only") << "2025-03-01" << true << 1740787200LL * 1000000;
        QTest::addRow("leap day") << "2024-02-29T00:00:00Z" << true << 1709164800LL * 1000000;
        QTest::addRow("before epoch") << "1969-12-31T23:59:59Z" << true << -1000000LL;
        QTest::addRow("no seconds") << "2025-03-01T12:00Z" << true << base;
        QTest::addRow("not a leap year") << "2025-02-29T00:00:00Z" << false << 0LL;
        QTest::addRow("month 13") << "2025-13-01T00:00:00Z" << false << 0LL;
        QTest::addRow("hour 24") << "2025-03-01T24:00:00Z" << false << 0LL;
        QTest::addRow("garbage") << "yesterday" << false << 0LL;
        QTest::addRow("trailing text") << "2025-03-01T12:00:00Z junk" << false << 0LL;
        QTest::addRow("empty fraction") << "2025-03-01T12:00:00.Z" << false << 0LL;
        QTest::addRow("empty") << "" << false << 0LL;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, micros);
        const auto parsed = parseTimestamp(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, micros);
    }

    void epochByMagnitude_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<qint64>("micros");
        QTest::addRow("seconds") << 1740830400.0 << 1740830400000000LL;
        QTest::addRow("fractional seconds") << 1740830400.25 << 1740830400250000LL;
        QTest::addRow("milliseconds") << 1740830400123.0 << 1740830400123000LL;
        QTest::addRow("microseconds") << 1740830400123456.0 << 1740830400123456LL;
    }

    void epochByMagnitude()
    {
        QFETCH(double, value);
        QFETCH(qint64, micros);
        QCOMPARE(epochToMicros(value).value(), micros);
    }

    void epochWithExplicitUnit()
    {
        QCOMPARE(epochToMicros(5, EpochUnit::Milliseconds).value(), 5000LL);
        QCOMPARE(epochToMicros(5, EpochUnit::Microseconds).value(), 5LL);
        QVERIFY(!epochToMicros(1e300, EpochUnit::Seconds));
    }

    void formatRoundTrips_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addRow("whole second") << 1740830400000000LL;
        QTest::addRow("fraction") << 1740830400000001LL;
        QTest::addRow("epoch") << 0LL;
        QTest::addRow("before epoch with fraction") << -1500000LL;
    }

    void formatRoundTrips()
    {
        QFETCH(qint64, micros);
        const QString text = formatTimestamp(micros);
        QVERIFY(text.endsWith(QLatin1Char('Z')));
        QCOMPARE(parseTimestamp(text).value(), micros);
    }

    void formatShape()
    {
        QCOMPARE(formatTimestamp(1740830400000000LL), QStringLiteral("2025-03-01T12:00:00Z"));
        QCOMPARE(formatTimestamp(1740830400000042LL), QStringLiteral("2025-03-01T12:00:00.000042Z"));
    }
};

QTEST_GUILESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
