#pragma once

#include "uuid.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace eventscope::bench {

// Appends compact JSON to a std::string with no intermediate document: the generator writes
// hundreds of megabytes, and QJsonDocument would spend most of the time allocating. Keys are the
// caller's literals (never escaped); string values are escaped. An empty key means "array element".
class JsonBuilder
{
public:
    explicit JsonBuilder(std::string& out) : m_out(out) {}

    JsonBuilder& beginObject(std::string_view key = {});
    JsonBuilder& endObject();
    JsonBuilder& beginArray(std::string_view key);
    JsonBuilder& endArray();

    JsonBuilder& string(std::string_view key, std::string_view value);
    JsonBuilder& integer(std::string_view key, std::int64_t value);
    // An amount in cents written as a decimal number with two fraction digits (12.50).
    JsonBuilder& money(std::string_view key, std::int64_t cents);
    JsonBuilder& uuid(std::string_view key, const Uuid& value);
    // A "prefix-number" identifier such as "order-42", the form of every stream id.
    JsonBuilder& streamId(std::string_view key, std::string_view prefix, std::int64_t number);

private:
    void key(std::string_view name);
    void escaped(std::string_view value);

    static constexpr int maxDepth = 8;
    std::string& m_out;
    bool m_needsComma[maxDepth] = {};
    int m_depth = 0;
};

void appendInteger(std::string& out, std::int64_t value);

} // namespace eventscope::bench
