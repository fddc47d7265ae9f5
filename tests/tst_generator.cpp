#include "generator.h"
#include "timeformat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <map>
#include <string>

using namespace eventscope;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 logEvents = 20000;
constexpr qint64 minuteUs = 60LL * 1000000;

struct LoggedEvent
{
    QByteArray line;
    QJsonObject object;
    qint64 timeUs = 0;
};

struct Log
{
    bench::StoryPlan plan;
    QList<LoggedEvent> events;
};

// The keys of the top-level object, in the order they are written (QJsonObject sorts them).
QStringList topLevelKeys(const QByteArray& line)
{
    QStringList keys;
    int depth = 0;
    bool expectKey = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (c == '"') {
            const qsizetype start = ++i;
            while (i < line.size() && line.at(i) != '"')
                i += line.at(i) == '\\' ? 2 : 1;
            if (depth == 1 && expectKey)
                keys << QString::fromUtf8(line.mid(start, i - start));
            expectKey = false;
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = depth == 1 && c == '{';
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
    }
    return keys;
}

qint64 cents(const QJsonValue& value)
{
    return qRound64(value.toDouble() * 100);
}

QString str(const QJsonObject& object, QLatin1StringView key)
{
    return object.value(key).toString();
}

// Generating and parsing is the slow part; each seed's log is built once and shared by the tests.
const Log& logFor(quint64 seed)
{
    static std::map<quint64, Log> logs;
    auto found = logs.find(seed);
    if (found != logs.end())
        return found->second;
    Log& log = logs[seed];
    bench::GeneratorOptions options;
    options.events = logEvents;
    options.seed = seed;
    bench::Generator generator(options);
    log.plan = generator.plan();
    std::string line;
    while (generator.next(line)) {
        LoggedEvent event;
        event.line = QByteArray(line.data(), qsizetype(line.size()));
        QJsonParseError error;
        event.object = QJsonDocument::fromJson(event.line, &error).object();
        if (error.error != QJsonParseError::NoError)
            qFatal("line %lld is not JSON: %s", static_cast<long long>(log.events.size() + 1),
                   qPrintable(error.errorString()));
        event.timeUs = parseTimestamp(str(event.object, "time"_L1)).value_or(0);
        log.events << event;
        line.clear();
    }
    return log;
}

void addSeedRows()
{
    QTest::addColumn<quint64>("seed");
    for (const quint64 seed : {1ULL, 42ULL, 2025ULL})
        QTest::addRow("seed %llu", static_cast<unsigned long long>(seed)) << seed;
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private slots:
    void determinism_data()
    {
        QTest::addColumn<qint64>("events");
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<qint64>("startUs");
        QTest::addRow("tiny") << 10LL << 1ULL << qint64(bench::GeneratorOptions().startUs);
        QTest::addRow("20k, seed 42") << logEvents << 42ULL << qint64(bench::GeneratorOptions().startUs);
        QTest::addRow("other start") << 5000LL << 7ULL
                                     << qint64(
                                            parseTimestamp(std::string_view("2024-12-31T23:00:00Z")).value());
    }

    void determinism()
    {
        QFETCH(qint64, events);
        QFETCH(quint64, seed);
        QFETCH(qint64, startUs);
        const bench::GeneratorOptions options{events, seed, startUs};
        const std::string first = bench::generateAll(options);
        QCOMPARE(first, bench::generateAll(options));

        // Chunked output (what the tool writes) is the same bytes as line-by-line output.
        std::string chunked;
        QVERIFY(bench::generate(
            options, [&](std::string_view chunk) { return chunked.append(chunk), true; }, 4096));
        QCOMPARE(chunked, first);

        const qsizetype lines = QByteArrayView(first.data(), qsizetype(first.size())).count('\n');
        QCOMPARE(lines, events);

        bench::GeneratorOptions other = options;
        other.seed = seed + 1;
        QVERIFY(bench::generateAll(other) != first);
    }

    void envelopeShape_data() { addSeedRows(); }

    void envelopeShape()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        QCOMPARE(log.events.size(), logEvents);
        const QStringList order = {
            u"id"_s,   u"stream"_s,      u"streamVersion"_s, u"type"_s, u"schemaVersion"_s,
            u"time"_s, u"causationId"_s, u"correlationId"_s, u"data"_s, u"metadata"_s};
        QSet<QString> ids;
        for (const LoggedEvent& event : log.events) {
            QVERIFY(event.line.endsWith('\n'));
            QStringList expected = order;
            if (!event.object.contains("causationId"_L1))
                expected.removeOne(u"causationId"_s);
            if (!event.object.contains("correlationId"_L1))
                expected.removeOne(u"correlationId"_s);
            QCOMPARE(topLevelKeys(event.line), expected);

            const QString id = str(event.object, "id"_L1);
            QCOMPARE(id.size(), 36);
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
            QVERIFY(event.object.value("streamVersion"_L1).isDouble());
            QVERIFY(event.object.value("data"_L1).isObject());
            const QJsonObject metadata = event.object.value("metadata"_L1).toObject();
            QVERIFY(!str(metadata, "user"_L1).isEmpty());
            QVERIFY(!str(metadata, "service"_L1).isEmpty());
            // Written with formatTimestamp, so it must round-trip exactly.
            QCOMPARE(formatTimestamp(event.timeUs), str(event.object, "time"_L1));
        }
    }

    void streamVersionsAreConsecutive_data() { addSeedRows(); }

    void streamVersionsAreConsecutive()
    {
        QFETCH(quint64, seed);
        QHash<QString, qint64> versions;
        for (const LoggedEvent& event : logFor(seed).events) {
            qint64& last = versions[str(event.object, "stream"_L1)];
            QCOMPARE(event.object.value("streamVersion"_L1).toInteger(), last + 1);
            ++last;
        }
        const QStringList categories = {u"order"_s, u"sku"_s, u"customer"_s, u"invoice"_s};
        for (auto it = versions.cbegin(); it != versions.cend(); ++it)
            QVERIFY2(categories.contains(it.key().section(u'-', 0, 0)), qPrintable(it.key()));
    }

    void timesIncrease_data() { addSeedRows(); }

    void timesIncrease()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        for (qsizetype i = 1; i < log.events.size(); ++i)
            QVERIFY2(log.events[i].timeUs > log.events[i - 1].timeUs, qPrintable(QString::number(i)));
    }

    void mixOfTypes_data() { addSeedRows(); }

    void mixOfTypes()
    {
        QFETCH(quint64, seed);
        QHash<QString, qint64> perType;
        qint64 onOrders = 0;
        for (const LoggedEvent& event : logFor(seed).events) {
            ++perType[str(event.object, "type"_L1)];
            onOrders += str(event.object, "stream"_L1).startsWith("order-"_L1);
        }
        const QStringList types = {u"OrderPlaced"_s,     u"ItemAdded"_s,     u"ItemRemoved"_s,
                                   u"PaymentCaptured"_s, u"InvoiceIssued"_s, u"OrderShipped"_s,
                                   u"OrderCancelled"_s,  u"StockReceived"_s, u"StockReserved"_s,
                                   u"StockReleased"_s,   u"PriceChanged"_s};
        for (const QString& type : types)
            QVERIFY2(perType.value(type) > 0, qPrintable(type));
        QCOMPARE(perType.size(), types.size());
        // Roughly a third of the events are on orders.
        QVERIFY2(onOrders > logEvents / 4 && onOrders < logEvents * 45 / 100,
                 qPrintable(QString::number(onOrders)));
    }

    void causationAndCorrelation_data() { addSeedRows(); }

    void causationAndCorrelation()
    {
        QFETCH(quint64, seed);
        const QHash<QString, QStringList> causedBy = {
            {u"ItemAdded"_s, {u"OrderPlaced"_s}},
            {u"ItemRemoved"_s, {u"ItemAdded"_s}},
            {u"StockReserved"_s, {u"ItemAdded"_s}},
            {u"StockReleased"_s, {u"ItemRemoved"_s, u"OrderCancelled"_s}},
            {u"InvoiceIssued"_s, {u"PaymentCaptured"_s}},
            {u"OrderShipped"_s, {u"InvoiceIssued"_s}},
        };
        QHash<QString, QString> typeOfId;
        QHash<QString, QString> orderCorrelation; // order stream -> its story's correlation id
        for (const LoggedEvent& event : logFor(seed).events) {
            const QString type = str(event.object, "type"_L1);
            const QString causation = str(event.object, "causationId"_L1);
            const QString correlation = str(event.object, "correlationId"_L1);
            if (!causation.isEmpty())
                QVERIFY2(typeOfId.contains(causation), "a causation id names an earlier event");
            if (causedBy.contains(type))
                QVERIFY2(causedBy.value(type).contains(typeOfId.value(causation)), qPrintable(type));
            const QString stream = str(event.object, "stream"_L1);
            if (type == "OrderPlaced"_L1) {
                QVERIFY(!correlation.isEmpty());
                orderCorrelation.insert(stream, correlation);
            } else if (stream.startsWith("order-"_L1)) {
                QCOMPARE(correlation, orderCorrelation.value(stream));
            } else if (type == "PaymentCaptured"_L1 || type == "InvoiceIssued"_L1) {
                const QString order = str(event.object.value("data"_L1).toObject(), "orderId"_L1);
                QCOMPARE(correlation, orderCorrelation.value(order));
            }
            typeOfId.insert(str(event.object, "id"_L1), type);
        }
    }

    void pricesAreCoherent_data() { addSeedRows(); }

    void pricesAreCoherent()
    {
        QFETCH(quint64, seed);
        QHash<QString, qint64> price;
        for (const LoggedEvent& event : logFor(seed).events) {
            const QString type = str(event.object, "type"_L1);
            const QJsonObject data = event.object.value("data"_L1).toObject();
            const QString sku = str(data, "sku"_L1);
            if (type == "PriceChanged"_L1) {
                if (price.contains(sku))
                    QCOMPARE(cents(data.value("oldPrice"_L1)), price.value(sku));
                QVERIFY(cents(data.value("newPrice"_L1)) != cents(data.value("oldPrice"_L1)));
                price.insert(sku, cents(data.value("newPrice"_L1)));
            } else if (type == "ItemAdded"_L1) {
                if (price.contains(sku))
                    QCOMPARE(cents(data.value("unitPrice"_L1)), price.value(sku));
                price.insert(sku, cents(data.value("unitPrice"_L1)));
            }
        }
    }

    void schemaVersion2AfterSwitch_data() { addSeedRows(); }

    void schemaVersion2AfterSwitch()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        QCOMPARE(log.plan.schemaV2From, logEvents * 40 / 100);
        int v1 = 0;
        int v2 = 0;
        for (qsizetype i = 0; i < log.events.size(); ++i) {
            const QJsonObject& object = log.events[i].object;
            const int version = object.value("schemaVersion"_L1).toInt();
            if (str(object, "type"_L1) != "OrderPlaced"_L1) {
                QCOMPARE(version, 1);
                continue;
            }
            const QJsonObject data = object.value("data"_L1).toObject();
            QCOMPARE(version, i >= log.plan.schemaV2From ? 2 : 1);
            if (version == 1) {
                ++v1;
                QVERIFY(data.value("shipTo"_L1).isString());
                QVERIFY(!data.contains("shippingAddress"_L1));
            } else {
                ++v2;
                const QJsonObject address = data.value("shippingAddress"_L1).toObject();
                for (const auto key : {"street"_L1, "postcode"_L1, "city"_L1, "country"_L1})
                    QVERIFY(!str(address, key).isEmpty());
                QVERIFY(!data.contains("shipTo"_L1));
            }
            QVERIFY(str(data, "customerId"_L1).startsWith("customer-"_L1));
        }
        QVERIFY(v1 > 100);
        QVERIFY(v2 > 100);
    }

    void wrongInvoicesOnlyInTheFaultyPeriod_data() { addSeedRows(); }

    void wrongInvoicesOnlyInTheFaultyPeriod()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        QCOMPARE(log.plan.faultyInvoicesFrom, logEvents * 55 / 100);
        QCOMPARE(log.plan.faultyInvoicesTo, logEvents * 60 / 100);
        struct OrderState
        {
            int discountPercent = 0;
            QHash<QString, std::pair<qint64, qint64>> lines; // sku -> qty, unit price
        };
        QHash<QString, OrderState> orders;
        QHash<QString, qint64> paid;
        int wrongInWindow = 0;
        int rightInWindow = 0;
        for (qsizetype i = 0; i < log.events.size(); ++i) {
            const QJsonObject& object = log.events[i].object;
            const QString type = str(object, "type"_L1);
            const QString stream = str(object, "stream"_L1);
            const QJsonObject data = object.value("data"_L1).toObject();
            if (type == "OrderPlaced"_L1) {
                orders[stream].discountPercent = data.value("discountPercent"_L1).toInt();
            } else if (type == "ItemAdded"_L1) {
                orders[stream].lines.insert(str(data, "sku"_L1), {data.value("qty"_L1).toInteger(),
                                                                  cents(data.value("unitPrice"_L1))});
            } else if (type == "ItemRemoved"_L1) {
                QVERIFY(orders[stream].lines.remove(str(data, "sku"_L1)));
            } else if (type == "PaymentCaptured"_L1) {
                paid.insert(str(data, "orderId"_L1), cents(data.value("amount"_L1)));
            } else if (type == "InvoiceIssued"_L1) {
                const QString orderId = str(data, "orderId"_L1);
                const OrderState& order = orders.value(orderId);
                qint64 subtotal = 0;
                for (const auto& [qty, unitPrice] : order.lines)
                    subtotal += qty * unitPrice;
                const qint64 discount = (subtotal * order.discountPercent + 50) / 100;
                const qint64 tax = ((subtotal - discount) * 20 + 50) / 100;
                const qint64 expected = subtotal - discount + tax;
                QCOMPARE(cents(data.value("subtotal"_L1)), subtotal);
                QCOMPARE(cents(data.value("tax"_L1)), tax);
                QCOMPARE(paid.value(orderId), expected);
                const bool wrong = cents(data.value("total"_L1)) != expected;
                if (log.plan.isFaultyInvoice(i)) {
                    QVERIFY2(wrong, "every invoice of the faulty period is wrong");
                    ++wrongInWindow;
                } else {
                    QVERIFY2(!wrong, qPrintable(u"wrong invoice outside the period, line %1"_s.arg(i + 1)));
                    ++rightInWindow;
                }
            }
        }
        QVERIFY(wrongInWindow >= 20);
        QVERIFY(rightInWindow > wrongInWindow);
    }

    void raceDrivesOneSkuNegative_data() { addSeedRows(); }

    void raceDrivesOneSkuNegative()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        QHash<QString, qint64> stock;
        QHash<QString, qint64> lastReservationUs;
        QSet<QString> negative;
        qsizetype firstNegative = -1;
        qint64 racingGapUs = -1;
        for (qsizetype i = 0; i < log.events.size(); ++i) {
            const QJsonObject& object = log.events[i].object;
            const QString type = str(object, "type"_L1);
            const QJsonObject data = object.value("data"_L1).toObject();
            const QString sku = str(data, "sku"_L1);
            const qint64 qty = data.value("qty"_L1).toInteger();
            if (type == "StockReceived"_L1 || type == "StockReleased"_L1) {
                stock[sku] += qty;
            } else if (type == "StockReserved"_L1) {
                QVERIFY(qty > 0);
                if ((stock[sku] -= qty) < 0 && !negative.contains(sku)) {
                    negative.insert(sku);
                    firstNegative = i;
                    racingGapUs = log.events[i].timeUs - lastReservationUs.value(sku);
                }
                lastReservationUs.insert(sku, log.events[i].timeUs);
            }
        }
        QCOMPARE(negative.size(), 1);
        // The two reservations for the last units land within a few milliseconds.
        QVERIFY2(racingGapUs >= 0 && racingGapUs < 10000, qPrintable(QString::number(racingGapUs)));
        QVERIFY(firstNegative >= log.plan.raceAt);
        QVERIFY(firstNegative < log.plan.raceAt + logEvents / 50);
        // An expedited delivery brings it back.
        QVERIFY(stock.value(*negative.cbegin()) >= 0);
    }

    void outageLeavesAGap_data() { addSeedRows(); }

    void outageLeavesAGap()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        QCOMPARE(log.plan.outageAt, logEvents * 75 / 100);
        qint64 widest = 0;
        qsizetype widestAt = -1;
        qint64 secondWidest = 0;
        for (qsizetype i = 1; i < log.events.size(); ++i) {
            const qint64 gap = log.events[i].timeUs - log.events[i - 1].timeUs;
            if (gap > widest) {
                secondWidest = widest;
                widest = gap;
                widestAt = i;
            } else if (gap > secondWidest) {
                secondWidest = gap;
            }
        }
        QCOMPARE(widestAt, log.plan.outageAt);
        QVERIFY2(widest >= 38 * minuteUs && widest <= 44 * minuteUs, qPrintable(QString::number(widest)));
        QVERIFY2(secondWidest < 5 * minuteUs, qPrintable(QString::number(secondWidest)));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
