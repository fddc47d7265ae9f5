// The fallback parser: what parse() uses when simdjson rejects a text.

#include "jsondom.h"
#include "jsonvaluedetail.h"

#include <charconv>
#include <limits>

namespace eventscope::json {

namespace {

using detail::Access;
using ArrayNode = Access::ArrayNode;
using ObjectNode = Access::ObjectNode;

// A plain recursive-descent parser for what simdjson leaves to us: it says where an error is (simdjson
// only says what), and it reads numbers beyond the 64-bit range, which JSON allows and simdjson
// rejects. Only used after simdjson failed, so it favours clarity over speed.
class TextParser
{
public:
    explicit TextParser(std::string_view text) : m_text(text) {}

    std::optional<Value> run(QString* error)
    {
        Value root;
        skipSpace();
        if (parseValue(root, 0)) {
            skipSpace();
            if (m_pos == m_text.size())
                return root;
            fail("unexpected text after the JSON value");
        }
        if (error)
            *error = QLatin1String(m_message) + QStringLiteral(" at offset ") + QString::number(m_offset);
        return std::nullopt;
    }

private:
    static constexpr int kMaxDepth = 1024; // as simdjson

    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return atEnd() ? 0 : static_cast<unsigned char>(m_text[m_pos]); }

    bool fail(const char* message) { return failAt(message, m_pos); }
    bool failAt(const char* message, std::size_t offset)
    {
        // Running out of text is what went wrong, whatever was expected there.
        m_message = atEnd() && offset == m_pos ? "unexpected end of input" : message;
        m_offset = offset;
        return false;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool parseValue(Value& out, int depth)
    {
        switch (peek()) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            std::string s;
            if (!parseString(s))
                return false;
            out = Access::makeString(s);
            return true;
        }
        case 't':
            return parseLiteral("true", Value(true), out);
        case 'f':
            return parseLiteral("false", Value(false), out);
        case 'n':
            return parseLiteral("null", Value(), out);
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parseNumber(out);
            return fail("expected a JSON value");
        }
    }

    bool parseLiteral(std::string_view word, Value value, Value& out)
    {
        for (const char c : word) {
            if (peek() != static_cast<unsigned char>(c))
                return fail("invalid literal (expected true, false or null)");
            ++m_pos;
        }
        out = std::move(value);
        return true;
    }

    bool parseObject(Value& out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep (more than 1024 levels)");
        ++m_pos; // '{'
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            out = Value::object();
            return true;
        }
        auto node = std::make_shared<ObjectNode>();
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail("expected a member name in double quotes");
            std::string key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("expected ':'");
            ++m_pos;
            skipSpace();
            Value value;
            if (!parseValue(value, depth))
                return false;
            node->set(key, std::move(value));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            return fail("expected ',' or '}'");
        }
        out = Access::withNode(Value::Type::Object, std::move(node));
        return true;
    }

    bool parseArray(Value& out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep (more than 1024 levels)");
        ++m_pos; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            out = Value::array();
            return true;
        }
        auto node = std::make_shared<ArrayNode>();
        for (;;) {
            skipSpace();
            Value value;
            if (!parseValue(value, depth))
                return false;
            node->items.emplace_back(std::move(value));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                break;
            }
            return fail("expected ',' or ']'");
        }
        out = Access::withNode(Value::Type::Array, std::move(node));
        return true;
    }

    bool parseHex4(unsigned& out)
    {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = peek();
            unsigned digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return fail("expected four hex digits after \\u");
            out = out * 16 + digit;
            ++m_pos;
        }
        return true;
    }

    static void appendUtf8(std::string& out, unsigned cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string& out)
    {
        const std::size_t start = m_pos;
        ++m_pos; // '"'
        for (;;) {
            if (atEnd())
                return failAt("unterminated string", start);
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail("control character in a string (must be escaped)");
            if (c >= 0x80) {
                const std::size_t n = detail::validUtf8Length(
                    reinterpret_cast<const unsigned char*>(m_text.data()) + m_pos, m_text.size() - m_pos);
                if (n == 0)
                    return fail("invalid UTF-8 in a string");
                out.append(m_text.substr(m_pos, n));
                m_pos += n;
                continue;
            }
            if (c != '\\') {
                out += static_cast<char>(c);
                ++m_pos;
                continue;
            }
            const std::size_t escape = m_pos;
            ++m_pos;
            switch (peek()) {
            case '"':
            case '\\':
            case '/':
                out += static_cast<char>(peek());
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                ++m_pos;
                unsigned cp;
                if (!parseHex4(cp))
                    return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return failAt("unpaired surrogate in a \\u escape", escape);
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned low = 0;
                    if (peek() != '\\' || m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != 'u')
                        return failAt("unpaired surrogate in a \\u escape", escape);
                    m_pos += 2;
                    if (!parseHex4(low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return failAt("unpaired surrogate in a \\u escape", escape);
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, cp);
                continue; // m_pos is past the escape already
            }
            default:
                return fail("invalid escape in a string");
            }
            ++m_pos;
        }
    }

    bool parseNumber(Value& out)
    {
        const std::size_t start = m_pos;
        auto digits = [this] {
            std::size_t n = 0;
            while (peek() >= '0' && peek() <= '9')
                ++m_pos, ++n;
            return n;
        };
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return fail("invalid number (expected a digit)");
        }
        if (peek() == '.') {
            ++m_pos;
            if (digits() == 0)
                return fail("invalid number (expected a digit after '.')");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (digits() == 0)
                return fail("invalid number (expected a digit in the exponent)");
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        double d = 0;
        const auto [ptr, ec] = std::from_chars(first, last, d);
        if (ec == std::errc::result_out_of_range)
            d = outOfRange(std::string_view(first, std::size_t(last - first)));
        else if (ec != std::errc() || ptr != last)
            return failAt("invalid number", start);
        out = Value(d);
        return true;
    }

    // JSON allows any magnitude; like JavaScript, too large becomes an infinity and too small zero.
    static double outOfRange(std::string_view number)
    {
        const bool negative = number.front() == '-';
        long exponent = 0; // decimal exponent of the first significant digit
        bool seenPoint = false;
        bool significant = false;
        long position = 0; // digits before the point, minus leading zeros after it
        std::size_t i = negative ? 1 : 0;
        for (; i < number.size() && number[i] != 'e' && number[i] != 'E'; ++i) {
            const char c = number[i];
            if (c == '.') {
                seenPoint = true;
                continue;
            }
            if (!significant && c == '0') {
                if (seenPoint)
                    --position;
                continue;
            }
            if (!significant) {
                significant = true;
                if (!seenPoint)
                    position = 0;
            }
            if (!seenPoint)
                ++position;
        }
        if (!significant)
            return negative ? -0.0 : 0.0;
        if (i < number.size()) {
            const char* first = number.data() + i + 1;
            const bool negativeExponent = *first == '-';
            if (*first == '+' || *first == '-')
                ++first;
            long e = 0;
            if (std::from_chars(first, number.data() + number.size(), e).ec != std::errc())
                e = std::numeric_limits<long>::max() / 2; // absurdly many digits: the sign decides
            exponent = negativeExponent ? -e : e;
        }
        const bool huge = position + exponent > 0;
        const double magnitude = huge ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -magnitude : magnitude;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const char* m_message = "";
    std::size_t m_offset = 0;
};

} // namespace

std::optional<Value> detail::parseWithTextParser(std::string_view text, QString* error)
{
    return TextParser(text).run(error);
}

} // namespace eventscope::json
