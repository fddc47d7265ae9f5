#include "expressionutf16.h"

#include <algorithm>

namespace eventscope::expr::detail {

namespace {

std::size_t sequenceLength(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

char32_t decodeAt(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t length = std::min(sequenceLength(c), s.size() - i);
    if (length == 1)
        return c;
    char32_t cp = c & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

} // namespace

std::size_t utf16Length(std::string_view s)
{
    std::size_t n = 0;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) != 0x80)
            ++n;
        if (c >= 0xF0) // four bytes: a surrogate pair in UTF-16
            ++n;
    }
    return n;
}

CharAt charAt(std::string_view s, std::size_t index, std::string_view* out)
{
    std::size_t unit = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t length = std::min(sequenceLength(static_cast<unsigned char>(s[i])), s.size() - i);
        const std::size_t units = length == 4 ? 2 : 1;
        if (index < unit + units) {
            if (units == 2)
                return CharAt::HalfOfPair;
            *out = s.substr(i, length);
            return CharAt::Found;
        }
        unit += units;
        i += length;
    }
    return CharAt::OutOfRange;
}

int compareUtf16(std::string_view a, std::string_view b)
{
    const std::size_t common = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < common && a[i] == b[i])
        ++i;
    if (i == a.size() || i == b.size())
        return a.size() == b.size() ? 0 : i == a.size() ? -1 : 1;
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80)
        --i;
    const char32_t ca = decodeAt(a, i);
    const char32_t cb = decodeAt(b, i);
    const auto high = [](char32_t c) { return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : c; };
    const auto low = [](char32_t c) { return c >= 0x10000 ? 0xDC00 + ((c - 0x10000) & 0x3FF) : 0; };
    if (high(ca) != high(cb))
        return high(ca) < high(cb) ? -1 : 1;
    return low(ca) < low(cb) ? -1 : 1;
}

} // namespace eventscope::expr::detail
