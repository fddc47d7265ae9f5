#pragma once

#include "descriptorset.h"
#include "event.h"
#include "reader.h"

#include <QHash>
#include <QString>

#include <memory>

namespace eventscope::importers::protobuf {

// ReadOptions::typeMap applied to envelopes whose payload is protobuf bytes: for an event whose
// type is mapped, data becomes the JSON view of rawData decoded as the mapped message type (the
// user asked for that schema, so it replaces any JSON the source carried), rawData keeps the
// original bytes, and contentType becomes protobufContentType(messageType). Events of other
// types, and events without raw bytes, pass unchanged.
class TypeMapDecoder
{
public:
    // Loads the descriptor set when a type map is given. Fails (nullptr, error) when the map has no
    // set to go with it, the set does not load, or a mapped type is not in it.
    static std::unique_ptr<TypeMapDecoder> create(const ReadOptions& options, QString& error);

    // Returns why the payload does not decode (the record is then rejected), empty otherwise.
    QString decode(Event& event) const;

private:
    TypeMapDecoder(std::unique_ptr<DescriptorSet> set, QHash<QString, QString> typeMap);

    std::unique_ptr<DescriptorSet> m_set;
    QHash<QString, QString> m_typeMap;
};

} // namespace eventscope::importers::protobuf
