// Serialisation: toJson() and appendJson().

#include "jsonvaluedetail.h"

#include <charconv>
#include <cmath>

namespace eventscope::json {

namespace {

void appendNumber(std::string& out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buffer[64];
    std::to_chars_result result;
    // Integral values print as integers below 1e21 (as JavaScript does); beyond that the exponent
    // form is shorter and just as exact.
    if (d == std::trunc(d) && std::fabs(d) < 9.0e18)
        result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(d));
    else if (d == std::trunc(d) && std::fabs(d) < 1e21)
        result = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
    else
        result = std::to_chars(buffer, buffer + sizeof buffer, d);
    out.append(buffer, result.ptr);
}

class Writer
{
public:
    Writer(std::string& out, bool indented) : m_out(out), m_indented(indented) {}

    void write(const Value& v, int depth)
    {
        switch (v.type()) {
        case Value::Type::Null:
            m_out += "null";
            break;
        case Value::Type::Bool:
            m_out += v.toBool() ? "true" : "false";
            break;
        case Value::Type::Number:
            appendNumber(m_out, v.toDouble());
            break;
        case Value::Type::String:
            appendJsonString(m_out, v.toStringView());
            break;
        case Value::Type::Array: {
            const std::size_t n = v.size();
            if (n == 0) {
                m_out += "[]";
                break;
            }
            m_out += '[';
            for (std::size_t i = 0; i < n; ++i) {
                if (i)
                    m_out += ',';
                newline(depth + 1);
                write(v.at(i), depth + 1);
            }
            newline(depth);
            m_out += ']';
            break;
        }
        case Value::Type::Object: {
            const std::size_t n = v.size();
            if (n == 0) {
                m_out += "{}";
                break;
            }
            m_out += '{';
            for (std::size_t i = 0; i < n; ++i) {
                if (i)
                    m_out += ',';
                newline(depth + 1);
                appendJsonString(m_out, v.keyAt(i));
                m_out += m_indented ? ": " : ":";
                write(v.valueAt(i), depth + 1);
            }
            newline(depth);
            m_out += '}';
            break;
        }
        }
    }

private:
    void newline(int depth)
    {
        if (!m_indented)
            return;
        m_out += '\n';
        m_out.append(std::size_t(depth) * 2, ' ');
    }

    std::string& m_out;
    bool m_indented;
};

} // namespace

void appendJson(std::string& out, const Value& value, Format format)
{
    Writer(out, format == Format::Indented).write(value, 0);
}

QByteArray toJson(const Value& value, Format format)
{
    std::string out;
    appendJson(out, value, format);
    return QByteArray(out.data(), qsizetype(out.size()));
}

void appendJsonString(std::string& out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t length = detail::validUtf8Length(s + i, n - i);
            if (length != 0) {
                i += length;
                continue;
            }
        }
        out.append(text.data() + run, i - run);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
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
            if (c < 0x20) {
                const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
                out.append(escape, sizeof escape);
            } else {
                // Invalid UTF-8 (a Value built from arbitrary bytes): U+FFFD keeps the output valid JSON.
                out += "\xEF\xBF\xBD";
            }
        }
        ++i;
        run = i;
    }
    out.append(text.data() + run, n - run);
    out += '"';
}

} // namespace eventscope::json
