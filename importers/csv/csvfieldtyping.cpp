#include "csvfieldtyping.h"

#include "json/simdjsonutil.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace eventscope::importers {

namespace {

// Integers beyond this lose digits in a double, which is what JSON readers turn numbers into.
constexpr std::uint64_t maxExactInteger = std::uint64_t(1) << 53;
// Any decimal of up to this many significant digits comes back the same from a double.
constexpr int maxExactDecimalDigits = 15;

bool isDigit(std::string_view text, size_t i)
{
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

bool equalsIgnoringCase(std::string_view text, std::string_view lowerCase)
{
    if (text.size() != lowerCase.size())
        return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowerCase[i])
            return false;
    }
    return true;
}

int significantDigits(std::string_view digits)
{
    int first = -1;
    int last = -1;
    int index = 0;
    for (const char c : digits) {
        if (c == '.')
            continue;
        if (c != '0') {
            if (first < 0)
                first = index;
            last = index;
        }
        ++index;
    }
    return first < 0 ? 0 : last - first + 1;
}

} // namespace

struct CsvFieldTyping::Impl
{
    simdjson::dom::parser parser;
    std::vector<char> padded; // simdjson reads a little past the end of its input
};

CsvFieldTyping::CsvFieldTyping() : d(std::make_unique<Impl>()) {}

CsvFieldTyping::~CsvFieldTyping() = default;

void CsvFieldTyping::appendValue(std::string& out, std::string_view text, bool quoted)
{
    if (text.empty()) {
        out += quoted ? "\"\"" : "null";
    } else if (isBoolean(text)) {
        out += text[0] == 't' || text[0] == 'T' ? "true" : "false";
    } else if (isExactNumber(text)) {
        out += text;
    } else if (!appendJsonContainer(out, text)) {
        appendString(out, text);
    }
}

void CsvFieldTyping::appendString(std::string& out, std::string_view text)
{
    json::appendJsonString(out, text);
}

bool CsvFieldTyping::isExactNumber(std::string_view text)
{
    // The JSON number grammar, so that the text can be copied into the record as it stands.
    size_t i = 0;
    if (i < text.size() && text[i] == '-')
        ++i;
    if (!isDigit(text, i))
        return false;
    const size_t integerBegin = i;
    if (text[i] == '0') {
        ++i;
        if (isDigit(text, i))
            return false; // a leading zero: a code ("007"), not a quantity
    } else {
        while (isDigit(text, i))
            ++i;
    }
    const size_t integerEnd = i;
    size_t mantissaEnd = i;
    bool integer = true;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!isDigit(text, i))
            return false;
        while (isDigit(text, i))
            ++i;
        mantissaEnd = i;
        integer = false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!isDigit(text, i))
            return false;
        while (isDigit(text, i))
            ++i;
        integer = false;
    }
    if (i != text.size())
        return false;

    if (integer) {
        const size_t digits = integerEnd - integerBegin;
        if (digits < 16)
            return true; // below 10^15, well within 2^53
        if (digits > 16)
            return false;
        std::uint64_t value = 0;
        std::from_chars(text.data() + integerBegin, text.data() + integerEnd, value);
        return value <= maxExactInteger;
    }
    if (significantDigits(text.substr(integerBegin, mantissaEnd - integerBegin)) > maxExactDecimalDigits)
        return false;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

bool CsvFieldTyping::isBoolean(std::string_view text)
{
    return equalsIgnoringCase(text, "true") || equalsIgnoringCase(text, "false");
}

bool CsvFieldTyping::appendJsonContainer(std::string& out, std::string_view text)
{
    if (text.empty() || (text[0] != '{' && text[0] != '['))
        return false;
    d->padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::copy(text.begin(), text.end(), d->padded.begin());
    if (d->parser.parse(d->padded.data(), text.size(), false).error() != simdjson::SUCCESS)
        return false;
    // Exports pretty-print or space their JSON cells; the payload is kept compact, as JSON
    // sources give it.
    const size_t from = out.size();
    out.resize(from + text.size());
    size_t written = 0;
    if (simdjson::minify(d->padded.data(), text.size(), out.data() + from, written) != simdjson::SUCCESS) {
        out.resize(from);
        out += text;
        return true;
    }
    out.resize(from + written);
    return true;
}

} // namespace eventscope::importers
