// Parsing: simdjson's DOM turned into Values.

#include "jsondom.h"
#include "jsonvaluedetail.h"

#include <bit>

namespace eventscope::json {

namespace {

using detail::Access;
using StringNode = Access::StringNode;
using ArrayNode = Access::ArrayNode;
using ObjectNode = Access::ObjectNode;

// A quick hash of 1..32 bytes, from three (possibly overlapping) 8-byte words or the few bytes
// there are: good enough to spread a cache's slots, where a collision only costs an allocation.
std::uint64_t shortStringHash(std::string_view s)
{
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::uint64_t c = 0;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
        std::memcpy(&c, p + n / 2 - 4, 8);
    } else if (n >= 4) {
        std::uint32_t x;
        std::uint32_t y;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        a = x;
        b = y;
    } else {
        a = static_cast<unsigned char>(p[0]) | std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8 |
            std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ std::rotl(b * 0xC2B2AE3D27D4EB4Full, 29) ^
                      (c * 0x165667B19E3779F9ull) ^ n;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 29);
}

// Event payloads repeat the same short strings (states, tiers, skus, customer ids) over and over.
// Strings are immutable once made, so parsing hands out one node per recently seen string from a
// small per-thread cache instead of allocating each: fewer allocations, less memory in states, and
// equal strings share, so diff() skips them without comparing.
Value internedString(std::string_view s)
{
    static constexpr std::size_t kMaxLength = 32;
    static constexpr std::size_t kSlots = 1024;
    if (s.empty() || s.size() > kMaxLength)
        return Access::makeString(s);
    thread_local std::vector<std::shared_ptr<Access::Node>> cache(kSlots);
    std::shared_ptr<Access::Node>& slot = cache[shortStringHash(s) & (kSlots - 1)];
    if (!slot || static_cast<const StringNode*>(slot.get())->text() != s)
        slot = detail::makeNode<StringNode>(s.size(), s);
    return Access::withNode(Value::Type::String, slot);
}

} // namespace

namespace detail {

Value fromDom(simdjson::dom::element element)
{
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::ARRAY: {
        const simdjson::dom::array array = element.get_array().value_unsafe();
        const std::size_t n = array.size();
        if (n == 0)
            return Value::array();
        auto node = makeNode<ArrayNode>(n);
        for (simdjson::dom::element item : array)
            node->items.emplace_back(fromDom(item));
        return Access::withNode(Value::Type::Array, std::move(node));
    }
    case element_type::OBJECT: {
        const simdjson::dom::object object = element.get_object().value_unsafe();
        const std::size_t n = object.size();
        if (n == 0)
            return Value::object();
        auto node = makeNode<ObjectNode>(n);
        // A repeated key keeps its first place and takes the last value, as JSON.parse does. Larger
        // objects have their index by the time the filter would fill up.
        std::uint64_t seen = 0;
        for (const simdjson::dom::key_value_pair field : object) {
            const std::uint64_t bit = keyFilterBit(field.key);
            if ((seen & bit) || node->members.size() >= ObjectNode::kIndexThreshold) {
                node->set(field.key, fromDom(field.value));
            } else {
                seen |= bit;
                node->appendNew(field.key, fromDom(field.value));
            }
        }
        return Access::withNode(Value::Type::Object, std::move(node));
    }
    case element_type::INT64:
        return Value(static_cast<double>(element.get_int64().value_unsafe()));
    case element_type::UINT64:
        return Value(static_cast<double>(element.get_uint64().value_unsafe()));
    case element_type::DOUBLE:
        return Value(element.get_double().value_unsafe());
    case element_type::STRING:
        return internedString(element.get_string().value_unsafe());
    case element_type::BOOL:
        return Value(element.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
        return Value();
    }
    return Value();
}

simdjson::error_code parseDom(std::string_view text, std::optional<simdjson::dom::parser>& largeParser,
                              simdjson::dom::element& root)
{
    static constexpr std::size_t kLargeDocument = std::size_t(1) << 20;
    thread_local simdjson::dom::parser cachedParser;
    simdjson::dom::parser& parser = text.size() <= kLargeDocument ? cachedParser : largeParser.emplace();
    return parser.parse(text.data(), text.size()).get(root);
}

std::optional<Value> parseRejected(std::string_view text, simdjson::error_code code, QString* error)
{
    if (code == simdjson::MEMALLOC || code == simdjson::CAPACITY) {
        if (error)
            *error = QString::fromUtf8(simdjson::error_message(code)) + QStringLiteral(" at offset 0");
        return std::nullopt;
    }
    return parseWithTextParser(text, error);
}

} // namespace detail

std::optional<Value> parse(std::string_view text, QString* error)
{
    std::optional<simdjson::dom::parser> largeParser;
    simdjson::dom::element root;
    const simdjson::error_code code = detail::parseDom(text, largeParser, root);
    if (code == simdjson::SUCCESS)
        return detail::fromDom(root);
    return detail::parseRejected(text, code, error);
}

} // namespace eventscope::json
