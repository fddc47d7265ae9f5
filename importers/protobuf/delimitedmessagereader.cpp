#include "delimitedmessagereader.h"

#include "descriptorset.h"
#include "framing.h"
#include "readloop.h"
#include "json/jsonrecordmapper.h"

#include <QFile>

#include <string_view>

namespace eventscope::importers::protobuf {

QStringList DelimitedMessageReader::extensions() const
{
    return {QStringLiteral("delimited"), QStringLiteral("pb"), QStringLiteral("bin")};
}

int DelimitedMessageReader::detect(QByteArrayView, const QString&) const
{
    return 0;
}

ReadResult DelimitedMessageReader::read(const QString& path, const ReadOptions& options,
                                        EventSink& sink) const
{
    if (options.messageType.isEmpty())
        return ReadResult::failed(
            QStringLiteral("delimited protobuf messages need --message-type <full message "
                           "name> (with --descriptor-set set.pb) to be decoded"));
    if (options.descriptorSetPath.isEmpty())
        return ReadResult::failed(
            QStringLiteral("delimited protobuf messages of type %1 need --descriptor-set "
                           "set.pb (protoc --descriptor_set_out=set.pb --include_imports)")
                .arg(options.messageType));
    QString error;
    const auto set = DescriptorSet::load(options.descriptorSetPath, error);
    if (!set)
        return ReadResult::failed(error);
    if (!set->hasMessage(options.messageType))
        return ReadResult::failed(QStringLiteral("message type %1 is not in descriptor set %2")
                                      .arg(options.messageType, options.descriptorSetPath));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReadResult::failed(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));

    FramedInput in(file);
    JsonRecordMapper mapper(options);
    QString fatal;
    bool noted = false;
    const auto handle = [&](const Frame& frame) {
        const RecordPlace place = RecordPlace::binary(frame.offset);
        QString reason;
        const auto json = set->toJson(options.messageType, frame.bytes, reason);
        if (!json)
            return sink.rejected({place, reason});
        auto outcome = mapper.map(std::string_view(json->constData(), size_t(json->size())));
        if (outcome.fatal) {
            fatal = QStringLiteral("%1 at byte %2: %3")
                        .arg(options.messageType)
                        .arg(frame.offset)
                        .arg(outcome.error);
            return false;
        }
        if (!noted && !mapper.mappingNote().isEmpty()) {
            sink.note(mapper.mappingNote());
            noted = true;
        }
        for (const QString& warning : std::as_const(outcome.warnings))
            sink.warning({place, warning});
        if (!outcome.event)
            return sink.rejected({place, outcome.error});
        Event& event = *outcome.event;
        event.rawData = frame.bytes;
        if (event.contentType.isEmpty())
            event.contentType = protobufContentType(options.messageType);
        return sink.event(std::move(event), place);
    };
    const ReadResult result = readFrames(
        in, sink, [&] { return in.nextDelimited(); }, handle);
    if (!fatal.isEmpty())
        return ReadResult::failed(fatal);
    return result;
}

} // namespace eventscope::importers::protobuf
