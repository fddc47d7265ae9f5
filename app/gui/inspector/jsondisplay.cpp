#include "jsondisplay.h"

#include <QCoreApplication>

#include <string>

namespace eventscope::gui::jsondisplay {
namespace {

const QString ellipsis = QStringLiteral("\u2026");

// The longest prefix of `text` that is at most `bytes` long and does not end inside a UTF-8
// sequence, so that a cut string still decodes cleanly.
std::string_view utf8Prefix(std::string_view text, std::size_t bytes)
{
    if (text.size() <= bytes)
        return text;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

QString fromUtf8(const std::string& s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString scalarJson(const json::Value& value, int maxChars)
{
    if (value.isString()) {
        // Escape only the part that can be shown: toJson() of the whole string would copy all of it.
        const std::string_view text = value.toStringView();
        const std::string_view shown = utf8Prefix(text, std::size_t(maxChars) * 4);
        std::string out;
        json::appendJson(out, json::Value(shown));
        QString result = fromUtf8(out);
        if (shown.size() < text.size() || result.size() > maxChars) {
            result.truncate(maxChars);
            result += ellipsis;
        }
        return result;
    }
    const QByteArray text = json::toJson(value);
    return QString::fromUtf8(text);
}

// Writes indented JSON line by line until the budget is spent.
class BoundedWriter
{
public:
    BoundedWriter(int maxLines, int maxLineChars) : m_maxLines(maxLines), m_maxLineChars(maxLineChars) {}

    void write(const json::Value& value, const QString& prefix, int depth, bool trailingComma)
    {
        if (full())
            return;
        const QString indent(depth * 2, u' ');
        const QString comma = trailingComma ? QStringLiteral(",") : QString();
        if (!value.isObject() && !value.isArray()) {
            line(indent + prefix + scalarJson(value, m_maxLineChars) + comma);
            return;
        }
        const bool object = value.isObject();
        const QString open = object ? QStringLiteral("{") : QStringLiteral("[");
        const QString close = object ? QStringLiteral("}") : QStringLiteral("]");
        if (value.size() == 0) {
            line(indent + prefix + open + close + comma);
            return;
        }
        line(indent + prefix + open);
        for (std::size_t i = 0; i < value.size() && !full(); ++i) {
            const bool more = i + 1 < value.size();
            if (object) {
                std::string key;
                json::appendJson(key, json::Value(value.keyAt(i)));
                write(value.valueAt(i), fromUtf8(key) + QStringLiteral(": "), depth + 1, more);
            } else {
                write(value.at(i), QString(), depth + 1, more);
            }
        }
        line(indent + close + comma);
    }

    QString text() const
    {
        QString joined = m_lines.join(u'\n');
        if (m_truncated)
            joined += u'\n' + ellipsis;
        return joined;
    }

private:
    bool full() const { return m_truncated; }

    void line(QString text)
    {
        if (m_lines.size() >= m_maxLines) {
            m_truncated = true;
            return;
        }
        if (text.size() > m_maxLineChars) {
            text.truncate(m_maxLineChars);
            text += ellipsis;
        }
        m_lines.append(text);
    }

    int m_maxLines;
    int m_maxLineChars;
    QStringList m_lines;
    bool m_truncated = false;
};

} // namespace

QString summary(const json::Value& value, int maxChars)
{
    switch (value.type()) {
    case json::Value::Type::Object:
        return QStringLiteral("{%1}").arg(value.size());
    case json::Value::Type::Array:
        return QStringLiteral("[%1]").arg(value.size());
    default:
        return scalarJson(value, maxChars);
    }
}

QString typeName(const json::Value& value)
{
    switch (value.type()) {
    case json::Value::Type::Null:
        return QStringLiteral("null");
    case json::Value::Type::Bool:
        return QStringLiteral("bool");
    case json::Value::Type::Number:
        return QStringLiteral("number");
    case json::Value::Type::String:
        return QStringLiteral("string");
    case json::Value::Type::Array:
        return QStringLiteral("array");
    case json::Value::Type::Object:
        return QStringLiteral("object");
    }
    return {};
}

QString preview(const json::Value& value, int maxLines, int maxLineChars)
{
    BoundedWriter writer(maxLines, maxLineChars);
    writer.write(value, QString(), 0, false);
    return writer.text();
}

QString segmentText(const json::PathSegment& segment)
{
    if (const auto* index = std::get_if<std::size_t>(&segment.step))
        return QStringLiteral("[%1]").arg(*index);
    return fromUtf8(std::get<std::string>(segment.step));
}

QString pathText(const json::Path& path)
{
    if (path.empty())
        return QCoreApplication::translate("eventscope::gui::jsondisplay", "(state)");
    return json::formatPath(path);
}

} // namespace eventscope::gui::jsondisplay
