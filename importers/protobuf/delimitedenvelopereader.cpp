#include "delimitedenvelopereader.h"

#include "envelopemessage.h"
#include "framing.h"
#include "readloop.h"
#include "typemapdecoder.h"
#include "wirecheck.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

namespace eventscope::importers::protobuf {
namespace {

const QString messageName = QStringLiteral("eventscope.v1.Event");

// Why bytes are not an envelope, or empty when message holds them.
QString parseEnvelope(const QByteArray& bytes, eventscope::v1::Event& message)
{
    const WireProblem problem = checkWireFormat(*eventscope::v1::Event::descriptor(), bytes);
    if (problem.kind == WireProblem::Kind::Malformed)
        return QStringLiteral("message does not parse as %1 (%2)").arg(messageName, problem.reason);
    if (!problem.ok())
        return problem.reason;
    if (!message.ParseFromArray(bytes.constData(), int(bytes.size())))
        return QStringLiteral("message does not parse as %1").arg(messageName);
    return {};
}

} // namespace

QStringList DelimitedEnvelopeReader::extensions() const
{
    return {QStringLiteral("delimited"), QStringLiteral("pb"), QStringLiteral("bin")};
}

int DelimitedEnvelopeReader::detect(QByteArrayView head, const QString& fileName) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const bool knownExtension = extensions().contains(suffix);
    QByteArray bytes = head.toByteArray();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    FramedInput in(buffer);
    const Frame frame = in.nextDelimited();
    eventscope::v1::Event message;
    // Other messages (a CloudEvent, say) often parse as an Event too, through unknown fields and
    // fields of the same number; an envelope written by anyone has none of those.
    if (frame.status == Frame::Status::Record && parseEnvelope(frame.bytes, message).isEmpty() &&
        !message.stream().empty() && !message.type().empty() &&
        message.GetReflection()->GetUnknownFields(message).empty())
        return knownExtension ? 90 : 80;
    return knownExtension ? 5 : 0;
}

ReadResult DelimitedEnvelopeReader::read(const QString& path, const ReadOptions& options,
                                         EventSink& sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReadResult::failed(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    QString error;
    const auto decoder = TypeMapDecoder::create(options, error);
    if (!decoder)
        return ReadResult::failed(error);

    FramedInput in(file);
    eventscope::v1::Event message;
    const auto handle = [&](const Frame& frame) {
        const RecordPlace place = RecordPlace::binary(frame.offset);
        QString reason = parseEnvelope(frame.bytes, message);
        Event event;
        if (reason.isEmpty())
            reason = eventFromMessage(message, event);
        if (reason.isEmpty())
            reason = decoder->decode(event);
        if (!reason.isEmpty())
            return sink.rejected({place, reason});
        return sink.event(std::move(event), place);
    };
    return readFrames(
        in, sink, [&] { return in.nextDelimited(); }, handle);
}

} // namespace eventscope::importers::protobuf
