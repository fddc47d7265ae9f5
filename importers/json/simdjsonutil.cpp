#include "simdjsonutil.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace eventscope::importers::json {

void appendJsonString(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out.push_back(hex[(c >> 4) & 0xF]);
                out.push_back(hex[c & 0xF]);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

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
