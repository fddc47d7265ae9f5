#include "framing.h"

#include <algorithm>
#include <limits>

namespace eventscope::importers::protobuf {
namespace {

constexpr qint64 chunkSize = 1 << 20;
constexpr int maxVarintBytes = 10;
// protobuf parses messages of at most 2 GiB; a longer record cannot be a message.
constexpr quint64 maxMessageSize = std::numeric_limits<int>::max();
constexpr quint32 wireTypeLengthDelimited = 2;

} // namespace

FramedInput::FramedInput(QIODevice& device) : m_device(device), m_size(device.size()) {}

bool FramedInput::fill(qint64 n)
{
    const qint64 available = m_buffer.size() - m_pos;
    if (available >= n)
        return true;
    // Drop what was consumed before growing, so that the buffer holds one chunk or one record.
    m_buffer.remove(0, m_pos);
    m_base += m_pos;
    m_pos = 0;
    if (m_buffer.capacity() > 4 * chunkSize && n <= chunkSize)
        m_buffer.squeeze();
    while (m_buffer.size() < n) {
        const qint64 old = m_buffer.size();
        const qint64 want = std::max(n - old, chunkSize);
        m_buffer.resize(old + want);
        const qint64 got = m_device.read(m_buffer.data() + old, want);
        m_buffer.resize(old + std::max<qint64>(got, 0));
        if (got < 0)
            m_ioError = true;
        if (got <= 0)
            return false;
    }
    return true;
}

FramedInput::VarintStatus FramedInput::readVarint(quint64& value)
{
    value = 0;
    for (int i = 0; i < maxVarintBytes + 1; ++i) {
        if (!fill(i + 1))
            return i == 0 ? VarintStatus::End : VarintStatus::Truncated;
        if (i == maxVarintBytes)
            return VarintStatus::Malformed;
        const auto byte = quint8(m_buffer.at(m_pos + i));
        // The tenth byte may only carry the 64th bit.
        if (i == maxVarintBytes - 1 && (byte & 0x7f) > 1)
            return VarintStatus::Malformed;
        value |= quint64(byte & 0x7f) << (7 * i);
        if ((byte & 0x80) == 0) {
            m_pos += i + 1;
            return VarintStatus::Ok;
        }
    }
    return VarintStatus::Malformed;
}

Frame FramedInput::ioErrorOr(Frame frame) const
{
    if (m_ioError) {
        frame.error = QStringLiteral("read error at byte %1: %2").arg(offset()).arg(m_device.errorString());
        frame.truncated = false;
    }
    return frame;
}

Frame FramedInput::readBody(qint64 recordOffset, quint64 length)
{
    Frame frame;
    frame.offset = recordOffset;
    const qint64 remaining = m_size - offset();
    if (length > maxMessageSize) {
        frame.status = Frame::Status::Error;
        frame.error =
            QStringLiteral("record at byte %1 claims %2 bytes, more than a protobuf message can hold")
                .arg(recordOffset)
                .arg(length);
        frame.truncated = qint64(std::min<quint64>(length, maxMessageSize)) > remaining;
        return frame;
    }
    // Checked against the size first, so that a bogus length never makes us buffer the whole file.
    if (qint64(length) > remaining || !fill(qint64(length))) {
        frame.status = Frame::Status::Error;
        frame.error = QStringLiteral("record at byte %1 claims %2 bytes but only %3 remain")
                          .arg(recordOffset)
                          .arg(length)
                          .arg(std::max<qint64>(remaining, 0));
        frame.truncated = true;
        return ioErrorOr(frame);
    }
    frame.status = Frame::Status::Record;
    frame.bytes = m_buffer.mid(m_pos, qsizetype(length));
    m_pos += qint64(length);
    return frame;
}

Frame FramedInput::nextDelimited()
{
    Frame frame;
    frame.offset = offset();
    quint64 length = 0;
    switch (readVarint(length)) {
    case VarintStatus::Ok:
        return readBody(frame.offset, length);
    case VarintStatus::End:
        frame.status = m_ioError ? Frame::Status::Error : Frame::Status::End;
        return ioErrorOr(frame);
    case VarintStatus::Truncated:
        frame.status = Frame::Status::Error;
        frame.error = QStringLiteral("truncated length prefix at byte %1").arg(frame.offset);
        frame.truncated = true;
        return ioErrorOr(frame);
    case VarintStatus::Malformed:
        break;
    }
    frame.status = Frame::Status::Error;
    frame.error = QStringLiteral("malformed length prefix at byte %1").arg(frame.offset);
    return frame;
}

Frame FramedInput::nextFieldEntry(quint32 fieldNumber)
{
    Frame frame;
    frame.offset = offset();
    quint64 tag = 0;
    const auto status = readVarint(tag);
    if (status == VarintStatus::End) {
        frame.status = m_ioError ? Frame::Status::Error : Frame::Status::End;
        return ioErrorOr(frame);
    }
    frame.status = Frame::Status::Error;
    if (status != VarintStatus::Ok) {
        frame.error = QStringLiteral("malformed field tag at byte %1").arg(frame.offset);
        frame.truncated = status == VarintStatus::Truncated;
        return ioErrorOr(frame);
    }
    if (tag != ((quint64(fieldNumber) << 3) | wireTypeLengthDelimited)) {
        frame.error =
            QStringLiteral("unexpected field %1 (wire type %2) at byte %3; only entries of field %4 "
                           "are expected here")
                .arg(tag >> 3)
                .arg(tag & 7)
                .arg(frame.offset)
                .arg(fieldNumber);
        return frame;
    }
    const qint64 lengthOffset = offset();
    quint64 length = 0;
    switch (readVarint(length)) {
    case VarintStatus::Ok:
        return readBody(frame.offset, length);
    case VarintStatus::End:
    case VarintStatus::Truncated:
        frame.error = QStringLiteral("truncated length prefix at byte %1").arg(lengthOffset);
        frame.truncated = true;
        return ioErrorOr(frame);
    case VarintStatus::Malformed:
        break;
    }
    frame.error = QStringLiteral("malformed length prefix at byte %1").arg(lengthOffset);
    return frame;
}

Frame FramedInput::readRest(qint64 limit)
{
    Frame frame;
    frame.offset = offset();
    const qint64 remaining = m_size - offset();
    if (remaining > limit) {
        frame.status = Frame::Status::Error;
        frame.error = QStringLiteral("%1 bytes from byte %2 are more than one message can hold")
                          .arg(remaining)
                          .arg(frame.offset);
        return frame;
    }
    if (remaining > 0 && !fill(remaining)) {
        frame.status = Frame::Status::Error;
        frame.error = QStringLiteral("the file ended before its reported size at byte %1").arg(offset());
        frame.truncated = true;
        return ioErrorOr(frame);
    }
    frame.status = Frame::Status::Record;
    frame.bytes = m_buffer.mid(m_pos, qsizetype(remaining));
    m_pos += remaining;
    return frame;
}

void appendVarint(QByteArray& out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

void appendDelimited(QByteArray& out, const std::string& message)
{
    appendVarint(out, message.size());
    out.append(message.data(), qsizetype(message.size()));
}

} // namespace eventscope::importers::protobuf
