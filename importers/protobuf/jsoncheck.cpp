#include "jsoncheck.h"

#include <simdjson.h>

namespace eventscope::importers::protobuf {
namespace {

simdjson::dom::element_type parsedType(QByteArrayView text, bool& ok)
{
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    ok = parser.parse(text.data(), size_t(text.size())).get(root) == simdjson::SUCCESS;
    return ok ? root.type() : simdjson::dom::element_type::NULL_VALUE;
}

} // namespace

bool isJsonText(QByteArrayView text)
{
    bool ok = false;
    parsedType(text, ok);
    return ok;
}

bool isJsonObjectText(QByteArrayView text)
{
    bool ok = false;
    const auto type = parsedType(text, ok);
    return ok && type == simdjson::dom::element_type::OBJECT;
}

} // namespace eventscope::importers::protobuf
