#include "typemapdecoder.h"

namespace eventscope::importers::protobuf {

TypeMapDecoder::TypeMapDecoder(std::unique_ptr<DescriptorSet> set, QHash<QString, QString> typeMap)
    : m_set(std::move(set)), m_typeMap(std::move(typeMap))
{}

std::unique_ptr<TypeMapDecoder> TypeMapDecoder::create(const ReadOptions& options, QString& error)
{
    if (options.typeMap.isEmpty())
        return std::unique_ptr<TypeMapDecoder>(new TypeMapDecoder(nullptr, {}));
    if (options.descriptorSetPath.isEmpty()) {
        error =
            QStringLiteral("a type map needs a descriptor set (--descriptor-set set.pb) to decode payloads");
        return nullptr;
    }
    auto set = DescriptorSet::load(options.descriptorSetPath, error);
    if (!set)
        return nullptr;
    for (auto it = options.typeMap.cbegin(); it != options.typeMap.cend(); ++it) {
        if (!set->hasMessage(it.value())) {
            error = QStringLiteral("message type %1 (mapped from event type %2) is not in descriptor set %3")
                        .arg(it.value(), it.key(), options.descriptorSetPath);
            return nullptr;
        }
    }
    return std::unique_ptr<TypeMapDecoder>(new TypeMapDecoder(std::move(set), options.typeMap));
}

QString TypeMapDecoder::decode(Event& event) const
{
    if (!m_set || event.rawData.isEmpty())
        return {};
    const auto it = m_typeMap.constFind(event.type);
    if (it == m_typeMap.cend())
        return {};
    QString error;
    auto json = m_set->toJson(it.value(), event.rawData, error);
    if (!json)
        return error;
    event.data = std::move(*json);
    event.contentType = protobufContentType(it.value());
    return {};
}

} // namespace eventscope::importers::protobuf
