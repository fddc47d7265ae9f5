#pragma once

// Fixtures for the protobuf suites: a protobuf wire encoder, so that fixtures (broken ones
// included) are spelled out field by field independently of the generated classes the readers
// use, and a sink that records what a reader produced.

#include "reader.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace eventscope::testing::pb {

inline QByteArray varint(quint64 value)
{
    QByteArray out;
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
    return out;
}

// One message's bytes, built field by field.
class Wire
{
public:
    Wire& integer(int field, qint64 value)
    {
        m_bytes += varint(quint64(field) << 3) + varint(quint64(value));
        return *this;
    }
    Wire& bytes(int field, const QByteArray& value)
    {
        m_bytes += varint((quint64(field) << 3) | 2) + varint(quint64(value.size())) + value;
        return *this;
    }
    Wire& string(int field, const QString& value) { return bytes(field, value.toUtf8()); }
    Wire& message(int field, const Wire& value) { return bytes(field, value.data()); }
    Wire& raw(const QByteArray& value)
    {
        m_bytes += value;
        return *this;
    }
    Wire& raw(const Wire& value) { return raw(value.data()); }
    QByteArray data() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

inline QByteArray delimited(const QList<QByteArray>& messages)
{
    QByteArray out;
    for (const QByteArray& m : messages)
        out += varint(quint64(m.size())) + m;
    return out;
}

// io.cloudevents.v1.CloudEventBatch: repeated field 1.
inline QByteArray batch(const QList<QByteArray>& events)
{
    Wire out;
    for (const QByteArray& e : events)
        out.bytes(1, e);
    return out.data();
}

// io.cloudevents.v1.CloudEvent and its attribute values.
namespace ce {

inline Wire event(const QString& id, const QString& source = QStringLiteral("/orders"),
                  const QString& type = QStringLiteral("OrderPlaced"),
                  const QString& spec = QStringLiteral("1.0"))
{
    Wire w;
    if (!id.isEmpty())
        w.string(1, id);
    if (!source.isEmpty())
        w.string(2, source);
    if (!spec.isEmpty())
        w.string(3, spec);
    if (!type.isEmpty())
        w.string(4, type);
    return w;
}

inline Wire boolean(bool v)
{
    return Wire().integer(1, v ? 1 : 0);
}
// int32 is encoded sign-extended to 64 bits, as protobuf does.
inline Wire integer(qint32 v)
{
    return Wire().integer(2, v);
}
inline Wire string(const QString& v)
{
    return Wire().string(3, v);
}
inline Wire binary(const QByteArray& v)
{
    return Wire().bytes(4, v);
}
inline Wire uri(const QString& v)
{
    return Wire().string(5, v);
}
inline Wire uriRef(const QString& v)
{
    return Wire().string(6, v);
}
inline Wire timestamp(qint64 seconds, int nanos = 0)
{
    return Wire().message(7, Wire().integer(1, seconds).integer(2, nanos));
}

// One attributes map entry (field 5: key = 1, value = 2).
inline Wire& attribute(Wire& event, const QString& name, const Wire& value)
{
    return event.message(5, Wire().string(1, name).message(2, value));
}

inline Wire& textData(Wire& event, const QByteArray& text)
{
    return event.bytes(7, text);
}
inline Wire& binaryData(Wire& event, const QByteArray& bytes)
{
    return event.bytes(6, bytes);
}
inline Wire& protoData(Wire& event, const QString& typeUrl, const QByteArray& value)
{
    return event.message(8, Wire().string(1, typeUrl).bytes(2, value));
}

} // namespace ce

// eventscope.v1.Event field numbers.
namespace envelope {
enum Field
{
    Position = 1,
    Stream,
    StreamVersion,
    Type,
    SchemaVersion,
    TimeUs,
    Id,
    CausationId,
    CorrelationId,
    DataJson,
    DataBytes,
    ContentType,
    MetadataJson,
    Source
};

inline Wire event(const QString& stream, const QString& type, qint64 timeUs, const QString& id)
{
    Wire w;
    if (!stream.isEmpty())
        w.string(Stream, stream);
    if (!type.isEmpty())
        w.string(Type, type);
    w.integer(TimeUs, timeUs);
    w.string(Id, id);
    return w;
}
} // namespace envelope

} // namespace eventscope::testing::pb

namespace eventscope::testing {

// Records every sink call; asks the reader to stop after a number of events when told to.
class RecordingSink final : public importers::EventSink
{
public:
    bool event(Event&& event, const importers::RecordPlace& place) override
    {
        events.push_back(std::move(event));
        eventOffsets << place.offset;
        return stopAfterEvents < 0 || qsizetype(events.size()) < stopAfterEvents;
    }
    bool rejected(const importers::RecordIssue& issue) override
    {
        rejections << QStringLiteral("@%1 %2").arg(issue.place.offset).arg(issue.reason);
        return true;
    }
    void warning(const importers::RecordIssue& issue) override
    {
        warnings << QStringLiteral("@%1 %2").arg(issue.place.offset).arg(issue.reason);
    }
    bool progress(qint64 bytesRead) override
    {
        progressReports << bytesRead;
        return true;
    }
    void note(const QString& text) override { notes << text; }

    QStringList ids() const
    {
        QStringList out;
        for (const Event& e : events)
            out << e.id;
        return out;
    }

    std::vector<Event> events;
    QList<qint64> eventOffsets;
    QStringList rejections;
    QStringList warnings;
    QList<qint64> progressReports;
    QStringList notes;
    qsizetype stopAfterEvents = -1;
};

} // namespace eventscope::testing
