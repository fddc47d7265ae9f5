#include "expressionnumbers.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace eventscope::expr::detail {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The length of the white space or line terminator at text[i], in bytes; 0 if none. This is what
// QJSEngine trims in ToNumber (QChar::isSpace(): U+0085 is space, U+FEFF is not, unlike the
// specification), so that a conversion gives the same number in either engine.
std::size_t whiteSpaceAt(std::string_view text, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const std::size_t left = text.size() - i;
    const unsigned char c = b(0);
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xC2 && left >= 2 && (b(1) == 0xA0 || b(1) == 0x85))
        return 2;
    if (left < 3)
        return 0;
    if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) // U+1680
        return 3;
    if (c == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF))
        return 3;                                  // U+2000..U+200A, U+2028, U+2029, U+202F
    if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) // U+205F
        return 3;
    if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) // U+3000
        return 3;
    return 0;
}

} // namespace

int digitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

double parseDecimal(std::string_view text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size())
        return value;
    if (ec != std::errc::result_out_of_range)
        return kNaN;
    // from_chars leaves the value alone when it overflows or underflows: work out which one from
    // the decimal magnitude, position of the first significant digit plus the exponent.
    long long magnitude = 0;
    bool seenPoint = false;
    bool significant = false;
    std::size_t i = 0;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        const char c = text[i];
        if (c == '.') {
            seenPoint = true;
        } else if (!significant) {
            if (c != '0') {
                significant = true;
                if (!seenPoint)
                    ++magnitude;
            } else if (seenPoint) {
                --magnitude;
            }
        } else if (!seenPoint) {
            ++magnitude;
        }
    }
    if (!significant)
        return 0;
    if (i < text.size()) {
        ++i;
        bool negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            negative = text[i++] == '-';
        long long exponent = 0;
        for (; i < text.size(); ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000LL);
        magnitude += negative ? -exponent : exponent;
    }
    return magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

double stringToNumber(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end) {
        const std::size_t n = whiteSpaceAt(text, begin);
        if (n == 0)
            break;
        begin += n;
    }
    while (end > begin) {
        // Trailing white space: try each possible width backwards.
        std::size_t n = 0;
        for (std::size_t w = 1; w <= 3 && w <= end - begin && n == 0; ++w)
            if (whiteSpaceAt(text, end - w) == w)
                n = w;
        if (n == 0)
            break;
        end -= n;
    }
    std::string_view s = text.substr(begin, end - begin);
    if (s.empty())
        return 0;
    if (s.size() > 2 && s[0] == '0') {
        const char p = s[1];
        const int base = (p == 'x' || p == 'X')   ? 16
                         : (p == 'o' || p == 'O') ? 8
                         : (p == 'b' || p == 'B') ? 2
                                                  : 0;
        if (base != 0) {
            double value = 0;
            for (std::size_t i = 2; i < s.size(); ++i) {
                const int d = digitValue(s[i]);
                if (d >= base)
                    return kNaN;
                value = value * base + d;
            }
            return value;
        }
    }
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == std::string_view("Infinity"))
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    // StrDecimalLiteral: digits [. digits] [exponent], at least one digit before the exponent.
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < s.size() && isDigit(s[i]))
        ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i, ++digits;
    }
    if (digits == 0)
        return kNaN;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        std::size_t exponentDigits = 0;
        while (i < s.size() && isDigit(s[i]))
            ++i, ++exponentDigits;
        if (exponentDigits == 0)
            return kNaN;
    }
    if (i != s.size())
        return kNaN;
    const double value = parseDecimal(s);
    return negative ? -value : value;
}

bool isArrayIndex(std::string_view text, std::int64_t* index)
{
    if (text.empty() || text.size() > 10 || (text[0] == '0' && text.size() > 1))
        return false;
    std::int64_t value = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    if (value >= 4294967295LL) // 2^32 - 1 is not an array index
        return false;
    *index = value;
    return true;
}

std::string_view formatNumber(double d, char* out)
{
    if (std::isnan(d))
        return "NaN";
    if (d == 0)
        return "0";
    if (std::isinf(d))
        return d > 0 ? std::string_view("Infinity") : std::string_view("-Infinity");
    char* p = out;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char sci[32];
    const auto result = std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific);
    // "d[.ddd]e[+-]xx"
    char digits[24];
    int k = 0;
    const char* q = sci;
    for (; q < result.ptr && *q != 'e'; ++q)
        if (*q != '.')
            digits[k++] = *q;
    int exponent = 0;
    std::from_chars(q + 1 + (q[1] == '+' ? 1 : 0), result.ptr, exponent);
    const int n = exponent + 1; // the decimal point sits after n digits
    const auto put = [&](const char* s, int count) {
        std::copy(s, s + count, p);
        p += count;
    };
    if (k <= n && n <= 21) {
        put(digits, k);
        std::fill(p, p + (n - k), '0');
        p += n - k;
    } else if (0 < n && n <= 21) {
        put(digits, n);
        *p++ = '.';
        put(digits + n, k - n);
    } else if (-6 < n && n <= 0) {
        *p++ = '0';
        *p++ = '.';
        std::fill(p, p + (-n), '0');
        p += -n;
        put(digits, k);
    } else {
        *p++ = digits[0];
        if (k > 1) {
            *p++ = '.';
            put(digits + 1, k - 1);
        }
        *p++ = 'e';
        *p++ = n - 1 >= 0 ? '+' : '-';
        p = std::to_chars(p, out + 32, std::abs(n - 1)).ptr;
    }
    return std::string_view(out, std::size_t(p - out));
}

} // namespace eventscope::expr::detail
