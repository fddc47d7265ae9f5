#pragma once

#include "sqlitelayout.h"

namespace eventscope::importers::live {

// The Python `eventsourcing` library's application recorder:
// stored_events(originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB), one row
// per event, global order by rowid (the library's notification id). Mapped as:
//   stream  = "<aggregate>-<originator_id>" (aggregate from the topic: "Account-5f1c..."), or the
//             originator id alone when the event class is not nested in an aggregate class
//   version = originator_version, type = the topic's qualified name ("Account.Opened"),
//   id      = "<originator_id>:<originator_version>" (the table's primary key),
//   time    = the state's "timestamp", data = the state (transcoder wrappers unwrapped),
//   metadata = {"topic": the full topic}.
// A state that cannot be decoded (encrypted) is kept as raw bytes with a warning; its time is the
// previous event's.
class EventsourcingLayout : public SqliteLayout
{
public:
    explicit EventsourcingLayout(QString table = QStringLiteral("stored_events"));

    QString name() const override { return QStringLiteral("eventsourcing"); }
    void check(sqlite::Database& db) override;
    std::string selectSql() const override;
    std::string headSql() const override;
    QString placeName() const override { return QStringLiteral("rowid"); }
    void convert(const sqlite::Statement& row, Row& out) override;

private:
    QString m_table;
    qint64 m_lastTimeUs = 0;
};

} // namespace eventscope::importers::live
