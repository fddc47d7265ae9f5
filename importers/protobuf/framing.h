#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <string>

namespace eventscope::importers::protobuf {

// One record cut out of a protobuf file.
struct Frame
{
    enum class Status
    {
        Record, // bytes holds the message
        End,    // clean end of the input
        Error   // framing broken: the rest of the input cannot be resynchronised
    };
    Status status = Status::End;
    qint64 offset = 0; // where the record starts (its length prefix or tag)
    QByteArray bytes;
    QString error;
    // The error is only a lack of bytes (a truncated file, or a head cut short by detect()).
    bool truncated = false;
};

// Reads a protobuf file front to back through a bounded buffer, so that memory stays flat whatever
// the file size (only the current record is held), and frames the two record layouts protobuf
// files use: varint-length-prefixed messages (Java's writeDelimitedTo, Go's protodelim) and the
// entries of a repeated message field (tag, length, bytes), which is all a CloudEventBatch is.
// The device must be open and random-access (a QFile, or a QBuffer over a head).
class FramedInput
{
public:
    explicit FramedInput(QIODevice& device);

    Frame nextDelimited();
    // The next entry of the length-delimited field `fieldNumber` of a message read field by field.
    Frame nextFieldEntry(quint32 fieldNumber);
    // Everything up to the end of the device when it holds at most `limit` bytes.
    Frame readRest(qint64 limit);

    qint64 offset() const { return m_base + m_pos; }

private:
    enum class VarintStatus
    {
        Ok,
        End,       // no byte at all before the end
        Truncated, // the input ends inside the varint
        Malformed  // longer than 10 bytes, or over 64 bits
    };
    VarintStatus readVarint(quint64& value);
    Frame readBody(qint64 recordOffset, quint64 length);
    Frame ioErrorOr(Frame frame) const;
    // Makes at least n bytes available from m_pos; false when the device ends first.
    bool fill(qint64 n);

    QIODevice& m_device;
    qint64 m_size;
    QByteArray m_buffer;
    qint64 m_pos = 0;  // read position inside m_buffer
    qint64 m_base = 0; // file offset of m_buffer[0]
    bool m_ioError = false;
};

// Appends the base-128 varint encoding of value (what a length prefix or a tag is).
void appendVarint(QByteArray& out, quint64 value);

// Appends a serialised message as a length-delimited record: its varint length, then its bytes.
void appendDelimited(QByteArray& out, const std::string& message);

} // namespace eventscope::importers::protobuf
