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
// nats:// is recognised and refused: this build has no source for it yet.
struct SourceUrl
{
    enum class Layout
    {
        Detect,        // an Eventscope workspace or an eventsourcing store, told apart at connect
        Eventscope,    // another workspace's events
        Eventsourcing, // the Python eventsourcing library's stored_events
        Table,         // any table through a mapping
        MessageDb      // PostgreSQL: Message DB's message_store.messages
    };

    QString scheme; // "sqlite" or "postgresql"
    QString path;   // sqlite: absolute
    // postgresql: where to connect (empty / -1 = libpq's defaults)
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
};

} // namespace eventscope::importers::live
