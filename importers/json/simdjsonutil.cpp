#include "simdjsonutil.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cstring>

namespace eventscope::importers::json {

const char* describeType(const simdjson::dom::element& element)
{
    switch (element.type()) {
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
        return "a number";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::BOOL:
        return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    }
    return "a value";
}

std::optional<simdjson::dom::element> lookupPath(const simdjson::dom::element& root, std::string_view path)
{
    simdjson::dom::element current = root;
    while (true) {
        const auto dot = path.find('.');
        const std::string_view key = path.substr(0, dot);
        simdjson::dom::object object;
        if (current.get_object().get(object) != simdjson::SUCCESS)
            return std::nullopt;
        simdjson::dom::element next;
        if (object.at_key(key).get(next) != simdjson::SUCCESS)
            return std::nullopt;
        if (dot == std::string_view::npos)
            return next;
        current = next;
        path.remove_prefix(dot + 1);
    }
}

QByteArray compactJsonText(std::string_view json)
{
    const bool hasSpace = std::any_of(json.begin(), json.end(),
                                      [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    if (!hasSpace)
        return QByteArray(json.data(), qsizetype(json.size()));
    QByteArray out(qsizetype(json.size()), Qt::Uninitialized);
    size_t length = 0;
    if (simdjson::minify(json.data(), json.size(), out.data(), length) != simdjson::SUCCESS)
        return QByteArray(json.data(), qsizetype(json.size()));
    out.truncate(qsizetype(length));
    return out;
}

qint64 firstInvalidUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        size_t extra;
        unsigned min;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
        } else {
            return qint64(i);
        }
        unsigned cp = c & (0x3F >> extra);
        for (size_t k = 1; k <= extra; ++k) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return qint64(i);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return qint64(i);
        i += extra + 1;
    }
    return -1;
}

SyntaxError describeSyntaxError(simdjson::error_code code, std::string_view text)
{
    if (code == simdjson::UTF8_ERROR) {
        const qint64 at = firstInvalidUtf8(text);
        return {QStringLiteral("invalid UTF-8"), at < 0 ? 1 : at + 1};
    }
    // simdjson does not say where; Qt's parser does, and errors are rare enough to parse twice.
    QJsonParseError error;
    QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())), &error);
    if (error.error != QJsonParseError::NoError)
        return {QStringLiteral("invalid JSON: ") + error.errorString(), qint64(error.offset) + 1};
    return {QStringLiteral("invalid JSON: ") + QString::fromUtf8(simdjson::error_message(code)), 1};
}

} // namespace eventscope::importers::json

namespace eventscope::importers::json {

namespace {

size_t skipSpace(std::string_view t, size_t i)
{
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        ++i;
    return i;
}

// i at an opening quote; returns the index just past the closing quote.
size_t skipString(std::string_view t, size_t i)
{
    ++i;
    while (i < t.size()) {
        const void* quote = std::memchr(t.data() + i, '"', t.size() - i);
        if (!quote)
            return t.size();
        size_t q = size_t(static_cast<const char*>(quote) - t.data());
        // The quote is escaped when an odd number of backslashes precede it.
        size_t backslashes = 0;
        while (q - backslashes > i && t[q - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return q + 1;
        i = q + 1;
    }
    return t.size();
}

// i at the first byte of a value; returns the index just past it.
size_t skipValue(std::string_view t, size_t i)
{
    if (i >= t.size())
        return i;
    if (t[i] == '"')
        return skipString(t, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < t.size()) {
            const char c = t[i];
            if (c == '"') {
                i = skipString(t, i);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return i;
    }
    while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\t' &&
           t[i] != '\n' && t[i] != '\r')
        ++i;
    return i;
}

} // namespace

// A plain byte scanner is enough (and cheaper than a second parse): the DOM parse has already
// proven the text is one valid JSON object.
bool RawMemberScanner::scan(std::string_view t, std::vector<Member>& members)
{
    members.clear();
    size_t i = skipSpace(t, 0);
    if (i >= t.size() || t[i] != '{')
        return false;
    i = skipSpace(t, i + 1);
    while (i < t.size() && t[i] == '"') {
        const size_t keyEnd = skipString(t, i);
        Member m;
        m.escapedKey = t.substr(i + 1, keyEnd - i - 2);
        i = skipSpace(t, keyEnd);
        if (i >= t.size() || t[i] != ':')
            return false;
        i = skipSpace(t, i + 1);
        const size_t valueEnd = skipValue(t, i);
        m.rawValue = t.substr(i, valueEnd - i);
        members.push_back(m);
        i = skipSpace(t, valueEnd);
        if (i < t.size() && t[i] == ',')
            i = skipSpace(t, i + 1);
    }
    return true;
}

} // namespace eventscope::importers::json
