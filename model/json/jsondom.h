#pragma once

// Reading simdjson's DOM, shared by parse() and deepMergeText(). Internal to the JSON library.

#include "jsonvalue.h"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace eventscope::json::detail {

// Parses `text` with this thread's parser, which keeps its buffers between calls: that is what
// makes small documents cheap. A large document gets `largeParser`, so that no thread keeps buffers
// of its size for good. `root` lives until the next parse on the same parser.
simdjson::error_code parseDom(std::string_view text, std::optional<simdjson::dom::parser>& largeParser,
                              simdjson::dom::element& root);

// What parse() makes of text that simdjson rejected with `code`: simdjson rejects some JSON (numbers
// beyond 64 bits), and says what is wrong but not where.
std::optional<Value> parseRejected(std::string_view text, simdjson::error_code code, QString* error);

// The text parser that parseRejected() falls back on (jsontextparser.cpp).
std::optional<Value> parseWithTextParser(std::string_view text, QString* error);

Value fromDom(simdjson::dom::element element);

// One of 64 bits, from a key's length and end bytes: keys are almost never repeated within an
// object, so a filter of these bits spares a small object the search for a repeat.
inline std::uint64_t keyFilterBit(std::string_view key)
{
    if (key.empty())
        return 1;
    const std::uint64_t mix = std::uint64_t(key.size()) << 16 |
                              std::uint64_t(static_cast<unsigned char>(key.front())) << 8 |
                              static_cast<unsigned char>(key.back());
    return std::uint64_t(1) << ((mix * 0xD6E8FEB86659FD93ull) >> 58);
}

} // namespace eventscope::json::detail
