#pragma once

#include <QByteArrayView>
#include <QString>

namespace google::protobuf {
class Descriptor;
} // namespace google::protobuf

namespace eventscope::importers::protobuf {

// Why bytes do not parse as a message: told apart so that a reader can say "invalid UTF-8 in
// string field X" rather than protobuf's bare "failed to parse" (which, worse, protobuf also
// prints to stderr for UTF-8 errors: checking first keeps the console quiet).
struct WireProblem
{
    enum class Kind
    {
        None,
        Malformed,   // not protobuf wire format for this type
        InvalidUtf8, // well framed, but a string field is not UTF-8
        UnknownType  // an Any holds a type its descriptor pool does not know
    };
    Kind kind = Kind::None;
    QString reason;

    bool ok() const { return kind == Kind::None; }
};

// Walks bytes as a message of `type` the way protobuf's parser does (unknown fields and fields
// of an unexpected wire type are skipped), descending into message fields and checking that
// every string field holds UTF-8, which proto3 requires and JSON needs. With unpackAny, the
// payload of every google.protobuf.Any is checked as the type its URL names, looked up in the
// pool `type` comes from: what a JSON conversion will unpack (and fail on) must be sound.
WireProblem checkWireFormat(const google::protobuf::Descriptor& type, QByteArrayView bytes,
                            bool unpackAny = false);

} // namespace eventscope::importers::protobuf
