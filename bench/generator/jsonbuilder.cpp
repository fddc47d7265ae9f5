#include "jsonbuilder.h"

#include <cassert>
#include <charconv>

namespace eventscope::bench {

void appendInteger(std::string& out, std::int64_t value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void JsonBuilder::key(std::string_view name)
{
    if (m_needsComma[m_depth])
        m_out += ',';
    m_needsComma[m_depth] = true;
    if (!name.empty()) {
        m_out += '"';
        m_out += name;
        m_out += "\":";
    }
}

void JsonBuilder::escaped(std::string_view value)
{
    static constexpr char hex[] = "0123456789abcdef";
    m_out += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            m_out += '\\';
            m_out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            m_out += "\\u00";
            m_out += hex[(c >> 4) & 0xf];
            m_out += hex[c & 0xf];
        } else {
            m_out += c;
        }
    }
    m_out += '"';
}

JsonBuilder& JsonBuilder::beginObject(std::string_view name)
{
    key(name);
    m_out += '{';
    assert(m_depth + 1 < maxDepth);
    m_needsComma[++m_depth] = false;
    return *this;
}

JsonBuilder& JsonBuilder::endObject()
{
    if (--m_depth == 0)
        m_needsComma[0] = false; // JSON Lines: each top-level object stands alone on its line
    m_out += '}';
    return *this;
}

JsonBuilder& JsonBuilder::beginArray(std::string_view name)
{
    key(name);
    m_out += '[';
    assert(m_depth + 1 < maxDepth);
    m_needsComma[++m_depth] = false;
    return *this;
}

JsonBuilder& JsonBuilder::endArray()
{
    --m_depth;
    m_out += ']';
    return *this;
}

JsonBuilder& JsonBuilder::string(std::string_view name, std::string_view value)
{
    key(name);
    escaped(value);
    return *this;
}

JsonBuilder& JsonBuilder::integer(std::string_view name, std::int64_t value)
{
    key(name);
    appendInteger(m_out, value);
    return *this;
}

JsonBuilder& JsonBuilder::money(std::string_view name, std::int64_t cents)
{
    key(name);
    if (cents < 0) {
        m_out += '-';
        cents = -cents;
    }
    appendInteger(m_out, cents / 100);
    m_out += '.';
    m_out += char('0' + cents % 100 / 10);
    m_out += char('0' + cents % 10);
    return *this;
}

JsonBuilder& JsonBuilder::uuid(std::string_view name, const Uuid& value)
{
    key(name);
    m_out += '"';
    appendUuid(m_out, value);
    m_out += '"';
    return *this;
}

JsonBuilder& JsonBuilder::streamId(std::string_view name, std::string_view prefix, std::int64_t number)
{
    key(name);
    m_out += '"';
    m_out += prefix;
    m_out += '-';
    appendInteger(m_out, number);
    m_out += '"';
    return *this;
}

} // namespace eventscope::bench
