#include "payloadtext.h"

#include <algorithm>

namespace eventscope::gui {
namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isUtf8Continuation(char c)
{
    return (uchar(c) & 0xC0) == 0x80;
}

// Appends UTF-8 bytes while counting characters, and notices when a limit is passed.
class BoundedText
{
public:
    enum Lines
    {
        OneLine,
        MultiLine
    };

    explicit BoundedText(qsizetype maxChars, Lines lines = OneLine) : m_maxChars(maxChars), m_lines(lines) {}

    // False once the text is full; the byte was not appended.
    bool append(char c)
    {
        if (!isUtf8Continuation(c)) {
            if (m_chars == m_maxChars) {
                m_truncated = true;
                return false;
            }
            ++m_chars;
        }
        // A raw control character (only in invalid JSON or plain text) would break the line.
        const bool keep = uchar(c) >= 0x20 || (c == '\n' && m_lines == MultiLine);
        m_bytes.append(keep ? c : ' ');
        return true;
    }
    bool append(const char* text)
    {
        for (; *text; ++text) {
            if (!append(*text))
                return false;
        }
        return true;
    }
    bool append(char c, qsizetype repeat)
    {
        for (qsizetype i = 0; i < repeat; ++i) {
            if (!append(c))
                return false;
        }
        return true;
    }

    void markTruncated() { m_truncated = true; }

    QString finish() const
    {
        if (!m_truncated)
            return QString::fromUtf8(m_bytes);
        QString text = QString::fromUtf8(m_bytes);
        // Make room for the ellipsis within the limit.
        if (text.size() >= m_maxChars && !text.isEmpty())
            text.chop(text.back().isLowSurrogate() && text.size() > 1 ? 2 : 1);
        while (!text.isEmpty() && text.back().isSpace())
            text.chop(1);
        return text + QChar(0x2026);
    }

private:
    QByteArray m_bytes;
    qsizetype m_maxChars;
    Lines m_lines;
    qsizetype m_chars = 0;
    bool m_truncated = false;
};

qsizetype firstNonSpace(QByteArrayView text)
{
    qsizetype i = 0;
    while (i < text.size() && isJsonSpace(text[i]))
        ++i;
    return i;
}

bool looksLikeJsonContainer(QByteArrayView text)
{
    const qsizetype i = firstNonSpace(text);
    return i < text.size() && (text[i] == '{' || text[i] == '[');
}

QString summarizePlainText(QByteArrayView text, int maxChars)
{
    BoundedText out(maxChars);
    bool pendingSpace = false;
    for (qsizetype i = firstNonSpace(text); i < text.size(); ++i) {
        const char c = text[i];
        if (isJsonSpace(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !out.append(' '))
            break;
        pendingSpace = false;
        if (!out.append(c))
            break;
    }
    return out.finish();
}

} // namespace

QString summarizeJson(QByteArrayView json, int maxChars)
{
    if (!looksLikeJsonContainer(json))
        return summarizePlainText(json, maxChars);
    BoundedText out(maxChars);
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            if (!out.append(c))
                break;
            continue;
        }
        if (isJsonSpace(c))
            continue;
        if (c == '"')
            inString = true;
        const bool ok = c == ',' ? out.append(", ") : c == ':' ? out.append(": ") : out.append(c);
        if (!ok)
            break;
    }
    return out.finish();
}

QString indentJson(QByteArrayView json, int maxLines, int maxChars)
{
    if (!looksLikeJsonContainer(json)) {
        BoundedText out(maxChars);
        for (qsizetype i = firstNonSpace(json);
             i < json.size() && out.append(json[i] == '\n' ? ' ' : json[i]); ++i) {
        }
        return out.finish();
    }
    BoundedText out(maxChars, BoundedText::MultiLine);
    int lines = 1;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newLine = [&] {
        if (++lines > maxLines) {
            out.markTruncated();
            return false;
        }
        return out.append('\n') && out.append(' ', qsizetype(depth) * 2);
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        bool ok = true;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            ok = out.append(c);
        } else if (isJsonSpace(c)) {
            continue;
        } else if (c == '{' || c == '[') {
            const qsizetype next = i + 1 + firstNonSpace(json.sliced(i + 1));
            const char close = c == '{' ? '}' : ']';
            if (next < json.size() && json[next] == close) {
                ok = out.append(c) && out.append(close);
                i = next;
            } else {
                ++depth;
                ok = out.append(c) && newLine();
            }
        } else if (c == '}' || c == ']') {
            depth = std::max(depth - 1, 0);
            ok = newLine() && out.append(c);
        } else if (c == ',') {
            ok = out.append(c) && newLine();
        } else if (c == ':') {
            ok = out.append(": ");
        } else {
            if (c == '"')
                inString = true;
            ok = out.append(c);
        }
        if (!ok)
            break;
    }
    return out.finish();
}

QString payloadSummary(const Event& event, int maxChars)
{
    if (event.rawData.isEmpty())
        return summarizeJson(event.data, maxChars);
    QString text = QString::number(event.rawData.size()) + QStringLiteral(" bytes");
    if (!event.contentType.isEmpty())
        text += QLatin1Char(' ') + event.contentType;
    if (!event.data.isEmpty()) {
        text += QStringLiteral(" \u00b7 ");
        text += summarizeJson(event.data, std::max(maxChars - int(text.size()), 16));
    }
    return text;
}

QString payloadToolTip(const Event& event)
{
    QString text;
    if (!event.rawData.isEmpty()) {
        text = QString::number(event.rawData.size()) + QStringLiteral(" bytes");
        if (!event.contentType.isEmpty())
            text += QLatin1Char(' ') + event.contentType;
        if (!event.data.isEmpty())
            text += QStringLiteral(", decoded:\n");
    }
    text += indentJson(event.data, 40, 4000);
    if (text.isEmpty())
        return {};
    return QStringLiteral("<pre style=\"font-family: monospace; white-space: pre;\">") +
           text.toHtmlEscaped() + QStringLiteral("</pre>");
}

} // namespace eventscope::gui
