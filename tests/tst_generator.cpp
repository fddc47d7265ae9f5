#include "generator.h"
#include "timeformat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>
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
    std::vector<bench::StoryMoment> moments;
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
    log.moments = generator.moments();
    return log;
}

// "€121.90", as the story captions write amounts.
QString euros(qint64 cents)
{
    return u"€%1.%2"_s.arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
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

        // Asking for the story moments changes nothing in the log, and they come out the same too.
        std::vector<bench::StoryMoment> moments;
        std::string withMoments;
        QVERIFY(bench::generate(
            options, [&](std::string_view chunk) { return withMoments.append(chunk), true; }, 4096,
            &moments));
        QCOMPARE(withMoments, first);
        std::vector<bench::StoryMoment> again;
        QVERIFY(bench::generate(
            options, [](std::string_view) { return true; }, 1 << 20, &again));
        std::string storiesFirst;
        std::string storiesAgain;
        bench::appendStoryMomentsJsonl(storiesFirst, moments);
        bench::appendStoryMomentsJsonl(storiesAgain, again);
        QCOMPARE(storiesAgain, storiesFirst);
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

    // The events the stories file names (the sample's bookmarks) are the ones that show each story,
    // found here from the log itself, in position order.
    void storyMomentsShowEachStory_data() { addSeedRows(); }

    void storyMomentsShowEachStory()
    {
        QFETCH(quint64, seed);
        const Log& log = logFor(seed);
        struct Expected
        {
            qsizetype index = -1;
            QString headline;
        };
        Expected schema{-1, u"OrderPlaced changes shape: schema version 2"_s};
        Expected invoice{-1, u"First wrong invoice: VAT counted twice"_s};
        Expected race;
        Expected expedited;
        QString raceSku;
        QHash<QString, qint64> stock;
        for (qsizetype i = 0; i < log.events.size(); ++i) {
            const QJsonObject& object = log.events[i].object;
            const QString type = str(object, "type"_L1);
            const QJsonObject data = object.value("data"_L1).toObject();
            const QString sku = str(data, "sku"_L1);
            if (type == "OrderPlaced"_L1 && object.value("schemaVersion"_L1).toInt() == 2 && schema.index < 0)
                schema.index = i;
            if (type == "InvoiceIssued"_L1 && log.plan.isFaultyInvoice(i) && invoice.index < 0)
                invoice.index = i;
            if (type == "StockReceived"_L1 || type == "StockReleased"_L1)
                stock[sku] += data.value("qty"_L1).toInteger();
            if (type == "StockReserved"_L1 && (stock[sku] -= data.value("qty"_L1).toInteger()) < 0 &&
                race.index < 0) {
                race = {i, u"Overselling race: %1 goes negative"_s.arg(sku)};
                raceSku = sku;
            }
            if (type == "StockReceived"_L1 && str(data, "reason"_L1) == "expedited"_L1)
                expedited = {i, u"Expedited delivery: %1 back in stock"_s.arg(sku)};
        }
        const qint64 gapUs = log.events[log.plan.outageAt].timeUs - log.events[log.plan.outageAt - 1].timeUs;
        const qint64 gapSeconds = (gapUs + 500000) / 1000000;
        const Expected outage{
            log.plan.outageAt,
            u"Outage: no events for %1 min %2 s"_s.arg(gapSeconds / 60).arg(gapSeconds % 60)};
        QVERIFY(schema.index >= log.plan.schemaV2From);
        QVERIFY(invoice.index >= log.plan.faultyInvoicesFrom);
        QVERIFY(race.index >= log.plan.raceAt);
        QVERIFY(expedited.index > race.index);

        // In position order; should the rushed delivery come out as the first event after the outage,
        // its caption comes first (it is written before the outage is noticed).
        std::vector<Expected> expected = {schema, invoice, race, expedited, outage};
        std::stable_sort(expected.begin(), expected.end(),
                         [](const Expected& a, const Expected& b) { return a.index < b.index; });
        QCOMPARE(log.moments.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            const bench::StoryMoment& moment = log.moments[i];
            const QString note = QString::fromStdString(moment.note);
            QCOMPARE(moment.index, expected[i].index);
            QCOMPARE(QString::fromStdString(moment.eventId), str(log.events[moment.index].object, "id"_L1));
            // A headline to read from the back of the room, then the explanation on its own line.
            QCOMPARE(note.section(u'\n', 0, 0), expected[i].headline);
            const QString explanation = note.section(u'\n', 1);
            QVERIFY2(explanation.size() > 60 && !explanation.contains(u'\n'), qPrintable(note));
            QVERIFY2(explanation.contains("state inspector"_L1) || explanation.contains("timeline"_L1),
                     qPrintable(note));
        }

        // The wrong invoice's caption names its order and both totals.
        const auto invoiceMoment = std::find_if(log.moments.begin(), log.moments.end(),
                                                [&](const auto& m) { return m.index == invoice.index; });
        const QJsonObject invoiceData = log.events[invoice.index].object.value("data"_L1).toObject();
        const qint64 rightTotal = cents(invoiceData.value("subtotal"_L1)) -
                                  cents(invoiceData.value("discount"_L1)) +
                                  cents(invoiceData.value("tax"_L1));
        const QString invoiceNote = QString::fromStdString(invoiceMoment->note);
        QVERIFY2(invoiceNote.contains(u"%1 bills %2 %3 instead of %4"_s.arg(
                     str(log.events[invoice.index].object, "stream"_L1), str(invoiceData, "orderId"_L1),
                     euros(cents(invoiceData.value("total"_L1))), euros(rightTotal))),
                 qPrintable(invoiceNote));
        // The race's caption gives the stock the audience will see.
        const auto raceMoment = std::find_if(log.moments.begin(), log.moments.end(),
                                             [&](const auto& m) { return m.index == race.index; });
        qint64 stockAfterRace = 0;
        for (qsizetype i = 0; i <= race.index; ++i) {
            const QJsonObject& object = log.events[i].object;
            const QJsonObject data = object.value("data"_L1).toObject();
            const QString type = str(object, "type"_L1);
            if (str(object, "stream"_L1) != raceSku || type == "PriceChanged"_L1)
                continue;
            const qint64 qty = data.value("qty"_L1).toInteger();
            stockAfterRace += type == "StockReserved"_L1 ? -qty : qty;
        }
        QVERIFY(stockAfterRace < 0);
        QVERIFY2(QString::fromStdString(raceMoment->note)
                     .contains(u"%1's stock is now %2."_s.arg(raceSku).arg(stockAfterRace)),
                 raceMoment->note.c_str());
    }

    void storiesFileIsOneObjectPerLine()
    {
        const Log& log = logFor(42);
        std::string text;
        bench::appendStoryMomentsJsonl(text, log.moments);
        const QList<QByteArray> lines = QByteArray::fromStdString(text).split('\n');
        QCOMPARE(lines.size(), qsizetype(log.moments.size()) + 1);
        QVERIFY(lines.last().isEmpty());
        for (size_t i = 0; i < log.moments.size(); ++i) {
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(lines[qsizetype(i)], &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(topLevelKeys(lines[qsizetype(i)]), QStringList({u"id"_s, u"note"_s}));
            QCOMPARE(str(object, "id"_L1), QString::fromStdString(log.moments[i].eventId));
            QCOMPARE(str(object, "note"_L1), QString::fromStdString(log.moments[i].note)); // newline escaped
        }
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
