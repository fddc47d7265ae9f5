#pragma once

#include "event.h"
#include "timeformat.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

namespace eventscope::importers {

// Where a record sits in its file: line and column (1-based) for text formats, byte offset for
// binary ones (line == 0).
struct RecordPlace
{
    qint64 line = 0;
    qint64 column = 0;
    qint64 offset = -1;

    static RecordPlace text(qint64 line, qint64 column = 1) { return {line, column, -1}; }
    static RecordPlace binary(qint64 offset) { return {0, 0, offset}; }
    // "file:12:5" or "file:@1024" (byte offset)
    QString describe(const QString& file) const;
    // A stable key for the record within its file, used to derive ids for sources that have none.
    QString key() const;
};

struct RecordIssue
{
    RecordPlace place;
    QString reason;
};

// What the user tells a reader beyond the file itself.
struct ReadOptions
{
    QString mapping; // "stream=aggregateId,type=eventType,time=occurredAt,data=*"
    EpochUnit epochUnit = EpochUnit::Auto;
    QString cloudEventsStreamFrom = QStringLiteral("subject"); // "subject" (else source) or "source"
    QString descriptorSetPath;                                 // FileDescriptorSet for protobuf payloads
    QString messageType;                                       // one message type for a whole delimited file
    QHash<QString, QString> typeMap;                           // event type -> message type
};

// Receives what a reader produces. Each call returns false when the reader must stop (cancel, or a
// strict import that met a bad record).
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual bool event(Event&& event, const RecordPlace& place) = 0;
    virtual bool rejected(const RecordIssue& issue) = 0;
    virtual void warning(const RecordIssue& issue) = 0;
    virtual bool progress(qint64 bytesRead) = 0;
    // A one-line remark for the import summary, e.g. which field mapping was detected.
    virtual void note(const QString& text) = 0;
};

struct ReadResult
{
    enum class Status
    {
        Completed,
        Stopped, // the sink asked to stop
        Failed   // the file as a whole could not be read
    };
    Status status = Status::Completed;
    QString error; // for Failed: the reason, with the place when there is one

    static ReadResult completed() { return {}; }
    static ReadResult stopped() { return {Status::Stopped, {}}; }
    static ReadResult failed(const QString& reason) { return {Status::Failed, reason}; }
};

// One format: detects itself from a file's first bytes (and name), and reads a file as a stream of
// envelopes with progress and cancel. Readers hold no state between calls; read() may run on any
// thread.
class FormatReader
{
public:
    virtual ~FormatReader() = default;
    virtual QString id() const = 0;          // "jsonl", "csv", ...; what --format takes
    virtual QString displayName() const = 0; // "JSON Lines"
    virtual QStringList extensions() const = 0;
    // Confidence 0..100 that a file starting with `head` is in this format.
    virtual int detect(QByteArrayView head, const QString& fileName) const = 0;
    virtual ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const = 0;
};

} // namespace eventscope::importers
