// Source URLs for `follow`: every accepted form and its canonical spelling, and every error naming
// the part at fault; the adaptive polling schedule.
#include "adaptivepoll.h"
#include "liveerror.h"
#include "livesources.h"
#include "sourceurl.h"

#include <QDir>
#include <QTest>

using namespace eventscope::importers::live;
using namespace Qt::StringLiterals;

class TestLiveSourceUrl : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("canonical");

        QTest::addRow("eventsourcing preset")
            << u"sqlite:///srv/bank.db?layout=eventsourcing"_s << u"/srv/bank.db"_s << u"eventsourcing"_s
            << u"sqlite:///srv/bank.db?layout=eventsourcing"_s;
        QTest::addRow("eventsourcing, own table name")
            << u"sqlite:///srv/bank.db?layout=eventsourcing&table=bank_events"_s << u"/srv/bank.db"_s
            << u"eventsourcing"_s << u"sqlite:///srv/bank.db?layout=eventsourcing&table=bank_events"_s;
        QTest::addRow("workspace, detected")
            << u"sqlite:///srv/shop.eventscope"_s << u"/srv/shop.eventscope"_s << u"detect"_s
            << u"sqlite:///srv/shop.eventscope"_s;
        QTest::addRow("workspace, named")
            << u"sqlite:///srv/shop.eventscope?layout=eventscope"_s << u"/srv/shop.eventscope"_s
            << u"eventscope"_s << u"sqlite:///srv/shop.eventscope?layout=eventscope"_s;
        QTest::addRow("mapped table, parameters in any order")
            << u"sqlite:///srv/app.db?time=at&type=kind&stream=agg&position=seq&table=events&data=body"_s
            << u"/srv/app.db"_s << u"table"_s
            << u"sqlite:///srv/app.db?layout=table&table=events&position=seq&stream=agg&type=kind&time=at&data=body"_s;
        QTest::addRow("mapped table, every parameter")
            << u"sqlite:///srv/app.db?layout=table&table=ev&position=n&stream=s&type=t&time=ts&data=d&metadata=m&id=i&version=v&time_unit=ms"_s
            << u"/srv/app.db"_s << u"table"_s
            << u"sqlite:///srv/app.db?layout=table&table=ev&position=n&stream=s&type=t&time=ts&data=d&metadata=m&id=i&version=v&time_unit=ms"_s;
        QTest::addRow("percent-encoded path")
            << u"sqlite:///srv/my%20logs/app.db?layout=eventsourcing"_s << u"/srv/my logs/app.db"_s
            << u"eventsourcing"_s << u"sqlite:///srv/my%20logs/app.db?layout=eventsourcing"_s;
        QTest::addRow("path cleaned")
            << u"sqlite:///srv/./a/../bank.db?layout=eventsourcing"_s << u"/srv/bank.db"_s
            << u"eventsourcing"_s << u"sqlite:///srv/bank.db?layout=eventsourcing"_s;
        QTest::addRow("scheme in capitals")
            << u"SQLITE:///srv/bank.db?layout=eventsourcing"_s << u"/srv/bank.db"_s << u"eventsourcing"_s
            << u"sqlite:///srv/bank.db?layout=eventsourcing"_s;
        const QString relative = QDir::current().absoluteFilePath(u"data/bank.db"_s);
        QTest::addRow("relative path")
            << u"sqlite:data/bank.db?layout=eventsourcing"_s << relative << u"eventsourcing"_s
            << u"sqlite://"_s + relative + u"?layout=eventsourcing"_s;
    }

    void accepted()
    {
        QFETCH(QString, url);
        QFETCH(QString, path);
        QFETCH(QString, layout);
        QFETCH(QString, canonical);
        QString error;
        const auto parsed = SourceUrl::parse(url, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->scheme, u"sqlite"_s);
        QCOMPARE(parsed->path, path);
        QCOMPARE(SourceUrl::layoutName(parsed->layout), layout);
        QCOMPARE(parsed->canonical(), canonical);
        // The canonical spelling reads back as the same source.
        const auto again = SourceUrl::parse(parsed->canonical(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->canonical(), canonical);
        QCOMPARE(again->parameters, parsed->parameters);
    }

    void postgresql_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("layout");

        QTest::addRow("Message DB, one category")
            << u"postgresql://user@127.0.0.1:5432/db?layout=messagedb&category=account"_s << u"127.0.0.1"_s
            << 5432 << u"user"_s << u"db"_s
            << u"postgresql://user@127.0.0.1:5432/db?layout=messagedb&category=account"_s << u"messagedb"_s;
        QTest::addRow("postgres alias, defaults, sslmode")
            << u"postgres://db.internal/shop?sslmode=require&layout=messagedb"_s << u"db.internal"_s << -1
            << QString() << u"shop"_s << u"postgresql://db.internal/shop?layout=messagedb&sslmode=require"_s
            << u"messagedb"_s;
        QTest::addRow("Marten, schema and category")
            << u"postgresql://app@10.0.0.5/shop?category=order&layout=marten&schema=events&sslmode=verify-full"_s
            << u"10.0.0.5"_s << -1 << u"app"_s << u"shop"_s
            << u"postgresql://app@10.0.0.5/shop?layout=marten&schema=events&category=order&sslmode=verify-full"_s
            << u"marten"_s;
        QTest::addRow("mapped table, detected from table=")
            << u"postgresql://app@127.0.0.1:5433/shop?time=at&type=kind&stream=agg&position=seq&table=audit.events"_s
            << u"127.0.0.1"_s << 5433 << u"app"_s << u"shop"_s
            << u"postgresql://app@127.0.0.1:5433/"
               u"shop?layout=table&table=audit.events&position=seq&stream=agg&"
               "type=kind&time=at"_s
            << u"table"_s;
    }

    void postgresql()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(QString, database);
        QFETCH(QString, canonical);
        QFETCH(QString, layout);
        QString error;
        const auto parsed = SourceUrl::parse(url, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->scheme, u"postgresql"_s);
        QCOMPARE(SourceUrl::layoutName(parsed->layout), layout);
        QCOMPARE(parsed->host, host);
        QCOMPARE(parsed->port, port);
        QCOMPARE(parsed->user, user);
        QCOMPARE(parsed->database, database);
        QCOMPARE(parsed->canonical(), canonical);
        QCOMPARE(SourceUrl::parse(canonical, &error)->canonical(), canonical);
    }

    void nats()
    {
        QString error;
        const auto parsed = SourceUrl::parse(
            u"nats://127.0.0.1?subject_stream=orders.<id>.>&stream=ORDERS&subjects=orders.>&category=order"_s,
            &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->scheme, u"nats"_s);
        QCOMPARE(parsed->layout, SourceUrl::Layout::JetStream);
        QCOMPARE(parsed->host, u"127.0.0.1"_s);
        QCOMPARE(parsed->port, 4222); // NATS's own default
        QCOMPARE(parsed->parameter(u"subject_stream"_s), u"orders.<id>.>"_s);
        const QString canonical = parsed->canonical();
        QCOMPARE(
            canonical,
            u"nats://127.0.0.1:4222?stream=ORDERS&subjects=orders.%3E&subject_stream=orders.%3Cid%3E.%3E&"
            "category=order"_s);
        const auto again = SourceUrl::parse(canonical, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->parameters, parsed->parameters);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");

        QTest::addRow("nats without a stream")
            << u"nats://127.0.0.1:4222?subjects=orders.>"_s << u"no JetStream stream (stream=NAME)"_s;
        QTest::addRow("nats, credentials")
            << u"nats://ada:secret@127.0.0.1:4222?stream=ORDERS"_s
            << u"credentials in a nats:// URL are not accepted (the URL is kept in the workspace)"_s;
        QTest::addRow("nats, unknown parameter")
            << u"nats://127.0.0.1?stream=ORDERS&durable=x"_s
            << u"unknown parameter 'durable' (known: stream, subjects, subject_stream, category)"_s;
        QTest::addRow("nats, pattern without <id>")
            << u"nats://127.0.0.1?stream=ORDERS&subject_stream=orders.*.>"_s
            << u"subject_stream=orders.*.>: needs exactly one token <id> (e.g. orders.<id>.>)"_s;
        QTest::addRow("nats, category without pattern")
            << u"nats://127.0.0.1?stream=ORDERS&category=order"_s
            << u"category= names the streams of subject_stream=: give that too"_s;
        QTest::addRow("unknown scheme")
            << u"mysql://127.0.0.1/db"_s << u"unknown scheme 'mysql' (supported: sqlite, postgresql, nats)"_s;
        QTest::addRow("no scheme") << u"/srv/bank.db"_s
                                   << u"'/srv/bank.db' has no scheme: write sqlite:///srv/bank.db"_s;
        QTest::addRow("empty") << u"  "_s
                               << u"empty source URL (e.g. sqlite:///path/file.db?layout=eventsourcing)"_s;
        QTest::addRow("a host")
            << u"sqlite://bank.db"_s
            << u"sqlite URLs name a file, not a host ('bank.db'): write sqlite:///absolute/path "
               "or sqlite:relative/path"_s;
        QTest::addRow("no path") << u"sqlite:///"_s << u"no file path (e.g. sqlite:///path/file.db)"_s;
        QTest::addRow("unknown layout") << u"sqlite:///srv/bank.db?layout=marten"_s
                                        << u"layout=marten is a PostgreSQL layout (postgresql://...)"_s;
        QTest::addRow("unknown layout, postgresql")
            << u"postgresql://127.0.0.1/shop?layout=eventstore"_s
            << u"layout=eventstore: unknown layout (one of: eventsourcing, eventscope, table, messagedb, marten)"_s;
        QTest::addRow("unknown parameter")
            << u"sqlite:///srv/bank.db?layout=eventsourcing&tabel=x"_s
            << u"unknown parameter 'tabel' (known: layout, table, position, stream, "
               "type, time, data, metadata, id, version, time_unit)"_s;
        QTest::addRow("parameter twice") << u"sqlite:///srv/a.db?table=e&table=f&stream=s&type=t&time=x"_s
                                         << u"parameter 'table' is given twice"_s;
        QTest::addRow("layout twice") << u"sqlite:///srv/a.db?layout=eventscope&layout=eventscope"_s
                                      << u"parameter 'layout' is given twice"_s;
        QTest::addRow("parameter without value")
            << u"sqlite:///srv/a.db?layout=table&table="_s << u"parameter 'table' has no value"_s;
        QTest::addRow("mapping without table")
            << u"sqlite:///srv/a.db?stream=s&type=t&time=x"_s
            << u"parameter 'stream' maps a table: name the table too (table=NAME)"_s;
        QTest::addRow("mapping incomplete")
            << u"sqlite:///srv/a.db?table=events&stream=s"_s
            << u"a mapped table needs table=, stream=, type= and time= (missing: "
               "type=, time=)"_s;
        QTest::addRow("layout=table without table")
            << u"sqlite:///srv/a.db?layout=table&stream=s&type=t&time=x"_s
            << u"a mapped table needs table=, stream=, type= and time= "
               "(missing: table=)"_s;
        QTest::addRow("mapping on a workspace")
            << u"sqlite:///srv/a.eventscope?layout=eventscope&stream=s"_s
            << u"parameter 'stream' is not used with layout=eventscope (it maps "
               "a table: layout=table)"_s;
        QTest::addRow("mapping on eventsourcing")
            << u"sqlite:///srv/a.db?layout=eventsourcing&time=at"_s
            << u"parameter 'time' is not used with layout=eventsourcing (it "
               "maps a table: layout=table)"_s;
        QTest::addRow("bad time unit") << u"sqlite:///srv/a.db?table=e&stream=s&type=t&time=x&time_unit=ns"_s
                                       << u"time_unit=ns: takes s, ms or us"_s;
        QTest::addRow("messagedb on a file")
            << u"sqlite:///srv/a.db?layout=messagedb"_s
            << u"layout=messagedb is a PostgreSQL layout (postgresql://...)"_s;
        QTest::addRow("postgresql, password in the URL")
            << u"postgresql://ada:secret@127.0.0.1/shop?layout=messagedb"_s
            << u"a password in the URL is not accepted (the URL is kept in the workspace): use PGPASSWORD or "
               "~/.pgpass"_s;
        QTest::addRow("postgresql, no database") << u"postgresql://127.0.0.1?layout=messagedb"_s
                                                 << u"no database name (e.g. "
                                                    "postgresql://user@127.0.0.1:5432/DB?layout=messagedb)"_s;
        QTest::addRow("postgresql, no layout")
            << u"postgresql://127.0.0.1/shop"_s
            << u"postgresql sources need layout=messagedb, layout=marten or a mapped table (table=...)"_s;
        QTest::addRow("postgresql, a SQLite layout")
            << u"postgresql://127.0.0.1/shop?layout=eventsourcing"_s
            << u"layout=eventsourcing is not a PostgreSQL layout (messagedb, marten, table)"_s;
        QTest::addRow("postgresql, unknown parameter")
            << u"postgresql://127.0.0.1/shop?layout=messagedb&table=x"_s
            << u"unknown parameter 'table' for layout=messagedb (known: layout, category, sslmode)"_s;
        QTest::addRow("postgresql, a password parameter")
            << u"postgresql://127.0.0.1/shop?layout=marten&password=secret"_s
            << u"unknown parameter 'password' for layout=marten (known: layout, schema, category, sslmode)"_s;
        QTest::addRow("postgresql, mapping without position")
            << u"postgresql://127.0.0.1/shop?table=events&stream=s&type=t&time=at"_s
            << u"a mapped table needs table=, position=, stream=, type= and time= (missing: position=)"_s;
        QTest::addRow("postgresql, category on a mapping")
            << u"postgresql://127.0.0.1/shop?table=events&position=n&stream=s&type=t&time=at&category=x"_s
            << u"unknown parameter 'category' for layout=table (known: layout, table, position, stream, "
               u"type, "
               "time, data, metadata, id, version, time_unit, sslmode)"_s;
        QTest::addRow("postgresql, bad sslmode")
            << u"postgresql://127.0.0.1/shop?layout=messagedb&sslmode=maybe"_s
            << u"sslmode=maybe: one of disable, allow, prefer, require, verify-ca, verify-full"_s;
        QTest::addRow("fragment") << u"sqlite:///srv/a.db?layout=eventsourcing#top"_s
                                  << u"unexpected fragment '#top'"_s;
    }

    void rejected()
    {
        QFETCH(QString, url);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!SourceUrl::parse(url, &message));
        QCOMPARE(message, error);
        // The factory reports the same reason.
        try {
            createLiveSource(url);
            QFAIL("createLiveSource accepted a bad URL");
        } catch (const LiveError& e) {
            QCOMPARE(e.message(), error);
        }
    }

    // Polling starts at the floor after a change and doubles while nothing happens, up to the
    // ceiling: every look at an idle source is preceded by a real wait.
    void adaptivePollSchedule()
    {
        using std::chrono::milliseconds;
        AdaptivePoll poll(milliseconds(5), milliseconds(250));
        QCOMPARE(poll.next(), milliseconds(5));
        QList<qint64> idle;
        for (int i = 0; i < 8; ++i) {
            poll.unchanged();
            idle << poll.next().count();
        }
        QCOMPARE(idle, (QList<qint64>{10, 20, 40, 80, 160, 250, 250, 250}));
        poll.changed();
        QCOMPARE(poll.next(), milliseconds(5));
        // A zero floor would poll without waiting: it is raised to 1 ms.
        AdaptivePoll zero(milliseconds(0), milliseconds(0));
        QCOMPARE(zero.next(), milliseconds(1));
        zero.unchanged();
        QCOMPARE(zero.next(), milliseconds(1));
    }
};

QTEST_GUILESS_MAIN(TestLiveSourceUrl)
#include "tst_livesourceurl.moc"
