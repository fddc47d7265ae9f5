#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace eventscope::importers::live {

// A parsed --source URL. The one place where source URLs are read, so that every error names
// the part that is wrong. Forms:
//   sqlite:///path/file.db?layout=eventsourcing[&table=stored_events]
//   sqlite:///path/x.eventscope                      (layout=eventscope, detected at connect)
//   sqlite:///path/file.db?table=events&position=seq&stream=..&type=..&time=..[&data=..&metadata=..
//       &id=..&version=..&time_unit=s|ms|us]        (any table through a mapping)
//   sqlite:relative/path.db                           (relative to the working directory)
//   postgresql://user@host:5432/db?layout=messagedb[&category=account][&sslmode=require]
//                                                     (Message DB; the password comes from
//                                                     PGPASSWORD or ~/.pgpass, never the URL)
//   postgresql://user@host/db?layout=marten[&schema=public][&category=order][&sslmode=..]
//   postgresql://user@host/db?table=events&position=seq&stream=..&type=..&time=..[&data=..
//       &metadata=..&id=..&version=..&time_unit=s|ms|us][&sslmode=..]   (a table through a mapping)
//   nats://host:4222?stream=ORDERS[&subjects=orders.>][&subject_stream=orders.<id>.>
//       [&category=order]]                            (a JetStream stream)
struct SourceUrl
{
    enum class Layout
    {
        Detect,        // an Eventscope workspace or an eventsourcing store, told apart at connect
        Eventscope,    // another workspace's events
        Eventsourcing, // the Python eventsourcing library's stored_events
        Table,         // any table through a mapping (SQLite or PostgreSQL)
        MessageDb,     // PostgreSQL: Message DB's message_store.messages
        Marten,        // PostgreSQL: Marten's mt_events and mt_streams
        JetStream      // NATS: a JetStream stream
    };

    QString scheme; // "sqlite", "postgresql" or "nats"
    QString path;   // sqlite: absolute
    // postgresql and nats: where to connect (postgresql: empty / -1 = libpq's defaults)
    QString host;
    int port = -1;
    QString user;
    QString database;
    Layout layout = Layout::Detect;
    QMap<QString, QString> parameters; // table and mapping parameters, by name

    QString parameter(const QString& name) const { return parameters.value(name); }

    // The same source in one spelling (absolute path, parameters in a fixed order): what a
    // workspace keys its resume position by.
    QString canonical() const;

    static std::optional<SourceUrl> parse(const QString& text, QString* error);
    static QString layoutName(Layout layout);
    // The mapping parameters of layout=table, in canonical order.
    static const QStringList& mappingParameters();
    // The parameters a layout takes besides layout=, in canonical order.
    static QStringList parametersOf(const QString& scheme, Layout layout);
};

} // namespace eventscope::importers::live
