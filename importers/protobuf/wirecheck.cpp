#include "wirecheck.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <simdjson.h>

#include <string>

namespace eventscope::importers::protobuf {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// protobuf's own recursion limit: deeper input fails to parse anyway.
constexpr int maxDepth = 100;

WireProblem malformed(const Descriptor& type, const CodedInputStream& in)
{
    return {WireProblem::Kind::Malformed, QStringLiteral("malformed protobuf at byte %1 of a %2")
                                              .arg(in.CurrentPosition())
                                              .arg(QString::fromStdString(type.full_name()))};
}

WireProblem walk(const Descriptor& type, CodedInputStream& in, int depth, bool unpackAny);

// Checks an Any's value as the type its URL names ("host/path/acme.Order": the name follows the
// last '/').
WireProblem checkAny(const Descriptor& any, const std::string& typeUrl, const std::string& value, int depth)
{
    if (typeUrl.empty())
        return {};
    const std::string name = typeUrl.substr(typeUrl.rfind('/') + 1);
    const Descriptor* type = any.file()->pool()->FindMessageTypeByName(name);
    if (!type)
        return {WireProblem::Kind::UnknownType,
                QStringLiteral("an Any holds %1, which is not in the descriptor set")
                    .arg(QString::fromStdString(name))};
    CodedInputStream in(reinterpret_cast<const quint8*>(value.data()), int(value.size()));
    const auto limit = in.PushLimit(int(value.size()));
    WireProblem problem = walk(*type, in, depth + 1, true);
    in.PopLimit(limit);
    return problem;
}

// Checks the fields up to the current limit; the caller pushed it to the message's end.
WireProblem walk(const Descriptor& type, CodedInputStream& in, int depth, bool unpackAny)
{
    if (depth > maxDepth)
        return {WireProblem::Kind::Malformed, QStringLiteral("messages nested more than %1 deep in a %2")
                                                  .arg(maxDepth)
                                                  .arg(QString::fromStdString(type.full_name()))};
    WireProblem firstUtf8Problem;
    const bool isAny = unpackAny && type.full_name() == "google.protobuf.Any";
    std::string anyTypeUrl;
    std::string anyValue;
    while (true) {
        const quint32 tag = in.ReadTag();
        if (tag == 0) {
            if (in.BytesUntilLimit() != 0)
                return malformed(type, in);
            if (isAny && firstUtf8Problem.ok())
                return checkAny(type, anyTypeUrl, anyValue, depth);
            return firstUtf8Problem;
        }
        if (WireFormatLite::GetTagFieldNumber(tag) == 0 ||
            WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_END_GROUP)
            return malformed(type, in);
        const FieldDescriptor* field = type.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
        const bool delimited =
            WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
        if (field && delimited && field->type() == FieldDescriptor::TYPE_STRING) {
            quint32 length = 0;
            std::string value;
            if (!in.ReadVarint32(&length) || !in.ReadString(&value, int(length)))
                return malformed(type, in);
            if (firstUtf8Problem.ok() && !simdjson::validate_utf8(value.data(), value.size()))
                firstUtf8Problem = {WireProblem::Kind::InvalidUtf8,
                                    QStringLiteral("invalid UTF-8 in string field %1")
                                        .arg(QString::fromStdString(field->full_name()))};
            if (isAny && field->number() == 1)
                anyTypeUrl = std::move(value);
        } else if (isAny && delimited && field && field->number() == 2) {
            quint32 length = 0;
            if (!in.ReadVarint32(&length) || !in.ReadString(&anyValue, int(length)))
                return malformed(type, in);
        } else if (field && delimited && field->type() == FieldDescriptor::TYPE_MESSAGE) {
            quint32 length = 0;
            if (!in.ReadVarint32(&length) || int(length) < 0 || int(length) > in.BytesUntilLimit())
                return malformed(type, in);
            const auto limit = in.PushLimit(int(length));
            const WireProblem inner = walk(*field->message_type(), in, depth + 1, unpackAny);
            in.PopLimit(limit);
            if (inner.kind == WireProblem::Kind::Malformed || inner.kind == WireProblem::Kind::UnknownType)
                return inner;
            if (firstUtf8Problem.ok())
                firstUtf8Problem = inner;
        } else if (!WireFormatLite::SkipField(&in, tag)) {
            return malformed(type, in);
        }
    }
}

} // namespace

WireProblem checkWireFormat(const Descriptor& type, QByteArrayView bytes, bool unpackAny)
{
    CodedInputStream in(reinterpret_cast<const quint8*>(bytes.data()), int(bytes.size()));
    in.SetRecursionLimit(maxDepth + 1);
    const auto limit = in.PushLimit(int(bytes.size()));
    WireProblem problem = walk(type, in, 0, unpackAny);
    in.PopLimit(limit);
    return problem;
}

} // namespace eventscope::importers::protobuf
