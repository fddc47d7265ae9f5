#include "cloudeventsprotoreader.h"

#include "cloudeventlayout.h"
#include "cloudeventmessage.h"
#include "framing.h"
#include "readloop.h"
#include "typemapdecoder.h"
#include "wirecheck.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

#include <limits>
#include <utility>

namespace eventscope::importers::protobuf {
namespace {

constexpr quint32 batchEventsField = 1;

// One read: turns each framed message into sink calls.
class CloudEventRun
{
public:
    CloudEventRun(const ReadOptions& options, const TypeMapDecoder& decoder, EventSink& sink)
        : m_options(options), m_decoder(decoder), m_sink(sink)
    {}

    // false when the sink asks to stop.
    bool handle(const Frame& frame)
    {
        const RecordPlace place = RecordPlace::binary(frame.offset);
        const WireProblem problem =
            checkWireFormat(*io::cloudevents::v1::CloudEvent::descriptor(), frame.bytes);
        if (problem.kind == WireProblem::Kind::Malformed)
            return reject(place, QStringLiteral("message does not parse as io.cloudevents.v1.CloudEvent (%1)")
                                     .arg(problem.reason));
        if (!problem.ok())
            return reject(place, problem.reason);
        io::cloudevents::v1::CloudEvent message;
        if (!message.ParseFromArray(frame.bytes.constData(), int(frame.bytes.size())))
            return reject(place, QStringLiteral("message does not parse as io.cloudevents.v1.CloudEvent"));

        CloudEventConversion conversion = recordFromMessage(message);
        for (const QString& warning : std::as_const(conversion.warnings))
            m_sink.warning({place, warning});
        if (!conversion.record)
            return reject(place, conversion.error);
        QString error;
        QStringList warnings;
        auto event = cloudEventToEvent(*conversion.record, m_options, error, warnings);
        for (const QString& warning : std::as_const(warnings))
            m_sink.warning({place, warning});
        if (!event)
            return reject(place, error);
        if (const QString decodeError = m_decoder.decode(*event); !decodeError.isEmpty())
            return reject(place, decodeError);
        return m_sink.event(std::move(*event), place);
    }

private:
    bool reject(const RecordPlace& place, const QString& reason) { return m_sink.rejected({place, reason}); }

    const ReadOptions& m_options;
    const TypeMapDecoder& m_decoder;
    EventSink& m_sink;
};

} // namespace

QStringList CloudEventsProtoReader::extensions() const
{
    return {QStringLiteral("cepb"), QStringLiteral("pb"), QStringLiteral("bin")};
}

int CloudEventsProtoReader::detect(QByteArrayView head, const QString& fileName) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const bool ownExtension = suffix == QLatin1String("cepb");
    if (!head.isEmpty()) {
        QByteArray bytes = head.toByteArray();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        // Only records carrying the four required attributes count: random bytes often frame
        // and parse as some message, never as complete CloudEvents.
        if (const auto guess = guessCloudEventLayout(buffer); guess && guess->complete)
            return ownExtension ? 95 : 85;
    }
    return ownExtension ? 40 : 0;
}

ReadResult CloudEventsProtoReader::read(const QString& path, const ReadOptions& options,
                                        EventSink& sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReadResult::failed(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    QString error;
    const auto decoder = TypeMapDecoder::create(options, error);
    if (!decoder)
        return ReadResult::failed(error);
    const auto guess = guessCloudEventLayout(file);
    if (!guess)
        return ReadResult::failed(QStringLiteral("%1 is not CloudEvents protobuf: it reads neither as a "
                                                 "CloudEventBatch, nor as length-delimited CloudEvent "
                                                 "messages, nor as one CloudEvent")
                                      .arg(QFileInfo(path).fileName()));
    const CloudEventLayout layout = guess->layout;
    sink.note(QStringLiteral("layout: %1").arg(describeLayout(layout)));

    FramedInput in(file);
    CloudEventRun run(options, *decoder, sink);
    bool singleRead = false;
    const auto next = [&]() -> Frame {
        switch (layout) {
        case CloudEventLayout::Batch:
            return in.nextFieldEntry(batchEventsField);
        case CloudEventLayout::Delimited:
            return in.nextDelimited();
        case CloudEventLayout::Single:
            break;
        }
        if (std::exchange(singleRead, true))
            return {};
        return in.readRest(std::numeric_limits<int>::max());
    };
    return readFrames(in, sink, next, [&](const Frame& frame) { return run.handle(frame); });
}

} // namespace eventscope::importers::protobuf
