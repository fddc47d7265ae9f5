#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace eventscope::importers::protobuf {

// The content type of a payload decoded through a descriptor set, naming its message type so that
// the original bytes in rawData stay interpretable: "application/protobuf; messageType=acme.Order".
QString protobufContentType(const QString& messageType);

// A user's FileDescriptorSet (`protoc --descriptor_set_out=set.pb --include_imports`) loaded into
// a descriptor pool, decoding serialised messages of its types to JSON. Imports the set lacks are
// resolved from the files compiled into Eventscope (the well-known types), so a set built without
// --include_imports still loads when it only imports those. Not thread-safe to share between
// concurrent reads: each read() loads its own.
class DescriptorSet
{
public:
    // nullptr with error set when the file is missing, is not a FileDescriptorSet, or does not
    // build (an unresolved import, a conflicting definition).
    static std::unique_ptr<DescriptorSet> load(const QString& path, QString& error);
    static std::unique_ptr<DescriptorSet> fromBytes(const QByteArray& bytes, const QString& name,
                                                    QString& error);
    ~DescriptorSet();
    DescriptorSet(const DescriptorSet&) = delete;
    DescriptorSet& operator=(const DescriptorSet&) = delete;

    bool hasMessage(const QString& fullName) const;
    // The full names of the message types the set's own files define, nested ones included,
    // sorted: what a user picks a message type from.
    QStringList messageTypes() const;

    // Decodes bytes of message `fullName` to compact JSON text: proto field names as written in
    // the .proto (what users type in --map and filters), fields at their default value included
    // (a balance that drops to 0 must not vanish from the payload), Any fields whose type is in
    // the set unpacked. nullopt with error naming the type when the bytes do not parse (invalid
    // UTF-8 in a string field included).
    std::optional<QByteArray> toJson(const QString& fullName, QByteArrayView bytes, QString& error) const;

private:
    struct Private;
    explicit DescriptorSet(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace eventscope::importers::protobuf
