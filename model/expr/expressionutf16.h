#pragma once

// Strings are held as UTF-8, but JavaScript measures, indexes and orders them by UTF-16 code units.

#include <cstddef>
#include <string_view>

namespace eventscope::expr::detail {

std::size_t utf16Length(std::string_view s);

enum class CharAt
{
    Found,
    OutOfRange,
    HalfOfPair
};

// The UTF-16 code unit at `index` as a one-character string (a view into s).
CharAt charAt(std::string_view s, std::size_t index, std::string_view* out);

// JavaScript orders strings by UTF-16 code units; UTF-8 bytes order by code points, which differs
// only where a supplementary character meets one in U+E000..U+FFFF.
int compareUtf16(std::string_view a, std::string_view b);

} // namespace eventscope::expr::detail
