// NATS JetStream as a live source: subject patterns to stream ids, messages to envelopes (plain
// JSON with headers, CloudEvents in binary and structured mode, bad payloads named by sequence),
// and a real nats-server with JetStream started for the suite: catching up, resuming, following
// while an application publishes, and a server restart mid-follow.
#include "livefollower.h"
#include "livesources.h"
#include "natsmessage.h"
#include "stopsignal.h"
#include "subjectpattern.h"
#include "timeformat.h"
#include "tst_livenatsserver.h"
#include "tst_livesupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

FollowReport followOnce(const QString& workspacePath, const QString& url)
{
    auto source = createLiveSource(url);
    Workspace workspace(workspacePath);
    FollowOptions options;
    options.untilCaughtUp = true;
    options.skipBadRows = true;
    LiveFollower follower(workspace, *source, options);
    StopSignal stop;
    return follower.run(stop);
}

qint64 countOrZero(const QString& path)
{
    try {
        return eventCount(path);
    } catch (const sqlite::Error&) {
        return 0;
    }
}

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

const QByteArray structuredEvent =
    R"({"specversion": "1.0", "id": "ce-2", "source": "/shop", "type": "OrderShipped", "subject": "order-7",
        "time": "2025-03-01T10:00:05Z", "datacontenttype": "application/json", "data": {"carrier": "ups"}})";

} // namespace

class TestLiveNats : public QObject
{
    Q_OBJECT

    NatsServer m_server;

private slots:
    void initTestCase()
    {
        if (!NatsServer::installed())
            QSKIP("nats-server is not installed (scripts/setup installs nats-server)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    void subjectPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("stream"); // empty: no match

        QTest::addRow("id then rest")
            << u"orders.<id>.>"_s << QString() << u"orders.42.placed"_s << u"orders-42"_s;
        QTest::addRow("category given")
            << u"orders.<id>.>"_s << u"order"_s << u"orders.42.placed"_s << u"order-42"_s;
        QTest::addRow("rest needs a token") << u"orders.<id>.>"_s << QString() << u"orders.42"_s << QString();
        QTest::addRow("literal differs") << u"orders.<id>.>"_s << QString() << u"carts.42.x"_s << QString();
        QTest::addRow("wildcard and last token")
            << u"shop.*.<id>"_s << QString() << u"shop.eu.7"_s << u"shop-7"_s;
        QTest::addRow("too many tokens") << u"shop.*.<id>"_s << QString() << u"shop.eu.7.x"_s << QString();
    }

    void subjectPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, category);
        QFETCH(QString, subject);
        QFETCH(QString, stream);
        const auto mapped = SubjectPattern(pattern, category).streamOf(subject);
        QCOMPARE(mapped.value_or(QString()), stream);
    }

    // The three kinds of payload, without a server.
    void mapping()
    {
        NatsMapping mapping;
        mapping.jetStream = u"ORDERS"_s;
        NatsMessage plain;
        plain.subject = u"orders.7.placed"_s;
        plain.sequence = 3;
        plain.timeUs = *parseTimestamp(u"2025-03-01T10:00:00Z"_s);
        plain.headers = {{u"Trace"_s, u"t-1"_s}};
        plain.data = R"({"total": 5})";
        auto r = mapping.convert(plain);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.event.stream, u"orders.7.placed"_s);
        QCOMPARE(r.event.type, u"placed"_s);
        QCOMPARE(r.event.id, u"ORDERS:3"_s);
        QCOMPARE(r.event.timeUs, plain.timeUs);
        QCOMPARE(object(r.event.metadata).value("nats_subject"_L1).toString(), u"orders.7.placed"_s);
        QCOMPARE(object(r.event.metadata).value("nats_headers"_L1).toObject().value("Trace"_L1).toString(),
                 u"t-1"_s);

        NatsMessage binary = plain;
        binary.headers = {{u"ce-specversion"_s, u"1.0"_s},
                          {u"ce-id"_s, u"ce-1"_s},
                          {u"ce-source"_s, u"/shop"_s},
                          {u"ce-type"_s, u"OrderPlaced"_s},
                          {u"ce-subject"_s, u"order-7"_s},
                          {u"ce-correlationid"_s, u"checkout-1"_s},
                          {u"content-type"_s, u"application/json"_s}};
        r = mapping.convert(binary);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.event.id, u"ce-1"_s);
        QCOMPARE(r.event.type, u"OrderPlaced"_s);
        QCOMPARE(r.event.stream, u"order-7"_s);
        QCOMPARE(r.event.correlationId, u"checkout-1"_s);
        QCOMPARE(r.event.timeUs, plain.timeUs); // no ce-time: when JetStream stored it
        QCOMPARE(object(r.event.data).value("total"_L1).toInt(), 5);

        NatsMessage structured = plain;
        structured.headers = {{u"Content-Type"_s, u"application/cloudevents+json; charset=utf-8"_s}};
        structured.data = structuredEvent;
        r = mapping.convert(structured);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.event.id, u"ce-2"_s);
        QCOMPARE(formatTimestamp(r.event.timeUs), u"2025-03-01T10:00:05Z"_s);
        QCOMPARE(object(r.event.data).value("carrier"_L1).toString(), u"ups"_s);

        // With a pattern the NATS subject names the stream, whatever the payload.
        mapping.pattern.emplace(u"orders.<id>.>"_s, u"order"_s);
        QCOMPARE(mapping.convert(structured).event.stream, u"order-7"_s);
        NatsMessage stray = plain;
        stray.subject = u"orders.7"_s;
        QCOMPARE(mapping.convert(stray).error,
                 u"subject orders.7 does not match subject_stream=orders.<id>.>"_s);
        NatsMessage bad = plain;
        bad.data = "{\"total\": ";
        QVERIFY2(mapping.convert(bad).error.startsWith(u"payload is not JSON: "_s),
                 qPrintable(mapping.convert(bad).error));
        binary.headers.emplace_back(u"ce-time"_s, u"yesterday"_s);
        QCOMPARE(mapping.convert(binary).error, u"header ce-time 'yesterday' is not an RFC 3339 time"_s);
    }

    // A stream with every kind of message, caught up; a bad message is reported and passed; the
    // next follow resumes after the last sequence.
    void catchUpAndResume()
    {
        NatsPublisher publisher(m_server.url());
        QVERIFY(publisher.ok());
        QVERIFY(publisher.addStream("ORDERS", "orders.>"));
        QCOMPARE(publisher.publish("orders.7.placed", R"({"total": 5})",
                                   {{"Nats-Msg-Id", "m-1"}, {"type", "OrderPlaced"}}),
                 1);
        QCOMPARE(publisher.publish("orders.7.paid", R"({"amount": 5})",
                                   {{"ce-specversion", "1.0"},
                                    {"ce-id", "ce-1"},
                                    {"ce-source", "/shop"},
                                    {"ce-type", "OrderPaid"},
                                    {"ce-time", "2025-03-01T10:00:01Z"},
                                    {"content-type", "application/json"}}),
                 2);
        QCOMPARE(publisher.publish("orders.8.placed", "not json"), 3);
        QCOMPARE(publisher.publish("orders.7.shipped", structuredEvent,
                                   {{"content-type", "application/cloudevents+json"}}),
                 4);

        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const QString url = m_server.url() +
                            u"?stream=ORDERS&subjects=orders.>&subject_stream=orders.<id>.>&category=order"_s;
        const auto report = followOnce(ws, url);
        QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
        QCOMPARE(report.status.appended, 3);
        QCOMPARE(report.status.rejected, 1);
        QCOMPARE(report.status.position, 4);
        auto events = workspaceEvents(ws);
        QCOMPARE(idsOf(events), (QStringList{u"m-1"_s, u"ce-1"_s, u"ce-2"_s}));
        QCOMPARE(events[0].type, u"OrderPlaced"_s);
        for (const Event& e : events)
            QCOMPARE(e.stream, u"order-7"_s);
        QCOMPARE(events[0].streamVersion, 1);
        QCOMPARE(events[2].streamVersion, 3);
        QCOMPARE(formatTimestamp(events[1].timeUs), u"2025-03-01T10:00:01Z"_s);
        QCOMPARE(events[0].source, u"ORDERS@127.0.0.1:%1 (jetstream)"_s.arg(m_server.port()));

        QCOMPARE(publisher.publish("orders.9.placed", R"({"total": 1})"), 5);
        const auto resumed = followOnce(ws, url);
        QVERIFY(resumed.resumed);
        QCOMPARE(resumed.startedAfter, 4);
        QCOMPARE(resumed.status.appended, 1);
        QCOMPARE(workspaceEvents(ws).back().id, u"ORDERS:5"_s);

        // A stream that is not there.
        QTemporaryDir other;
        const auto missing =
            followOnce(other.filePath(u"ws.eventscope"_s), m_server.url() + u"?stream=NOPE"_s);
        QCOMPARE(int(missing.outcome), int(FollowReport::Outcome::Failed));
        QCOMPARE(
            missing.status.message,
            u"NOPE@127.0.0.1:%1 (jetstream): no JetStream stream NOPE on this server"_s.arg(m_server.port()));
    }

    // Following while an application publishes, across a restart of nats-server: every message
    // arrives once, in order.
    void followsAcrossARestart()
    {
        NatsPublisher setup(m_server.url());
        QVERIFY(setup.addStream("PAYMENTS", "payments.>"));
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        {
            Workspace create(ws);
        }
        StopSignal stop;
        FollowReport report;
        std::atomic<bool> retrying{false};
        std::thread follower([&] {
            auto source = createLiveSource(m_server.url() + u"?stream=PAYMENTS"_s);
            Workspace workspace(ws);
            FollowOptions options;
            options.retryCeiling = std::chrono::milliseconds(500);
            LiveFollower live(workspace, *source, options);
            live.onStatus = [&](const LiveStatus& status) {
                if (status.message.contains(u"retrying in"_s))
                    retrying = true;
            };
            report = live.run(stop);
        });
        QStringList expected;
        for (int i = 1; i <= 10; ++i) {
            QVERIFY(setup.publish("payments." + QByteArray::number(i), "{}",
                                  {{"Nats-Msg-Id", "p-" + QByteArray::number(i)}}) > 0);
            expected << u"p-%1"_s.arg(i);
            QTRY_COMPARE_WITH_TIMEOUT(countOrZero(ws), qint64(i), 20000);
        }

        m_server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(retrying.load(), 30000);
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        NatsPublisher after(m_server.url());
        QVERIFY(after.ok());
        for (int i = 11; i <= 20; ++i) {
            QVERIFY(after.publish("payments." + QByteArray::number(i), "{}",
                                  {{"Nats-Msg-Id", "p-" + QByteArray::number(i)}}) > 0);
            expected << u"p-%1"_s.arg(i);
        }
        QTRY_COMPARE_WITH_TIMEOUT(countOrZero(ws), 20, 30000);
        stop.request();
        follower.join();
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Stopped));
        QCOMPARE(report.status.duplicates, 0);
        QCOMPARE(idsOf(workspaceEvents(ws)), expected);
    }
};

QTEST_GUILESS_MAIN(TestLiveNats)
#include "tst_livenats.moc"
