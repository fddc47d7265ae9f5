#include "jsonelementscanner.h"

namespace eventscope::importers {

namespace {
constexpr qint64 chunkSize = 1 << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
} // namespace

QString JsonElementScanner::open(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot open: %2").arg(path, m_file.errorString());
    return {};
}

bool JsonElementScanner::readByte(char& c)
{
    if (m_pos >= m_chunk.size()) {
        m_chunk = m_file.read(chunkSize);
        m_pos = 0;
        if (m_chunk.isEmpty())
            return false;
    }
    c = m_chunk[m_pos++];
    ++m_consumed;
    if (c == '\n') {
        ++m_curLine;
        m_curColumn = 0;
    } else {
        ++m_curColumn;
    }
    return true;
}

JsonElementScanner::Result JsonElementScanner::next()
{
    m_element.clear();
    if (m_done)
        return Result::End;
    char c;
    if (!m_started) {
        m_started = true;
        // Skip a BOM and whitespace; the document is an array or a lone value.
        do {
            if (!readByte(c)) {
                m_problem = QStringLiteral("the file is empty");
                m_line = m_curLine;
                m_column = 1;
                m_done = true;
                return Result::Malformed;
            }
            if (m_consumed == 1 && c == '\xEF') {
                char b, o;
                if (readByte(b) && readByte(o) && b == '\xBB' && o == '\xBF') {
                    m_curColumn = 0;
                    c = ' '; // the BOM is not the document: go on to its first byte
                    continue;
                }
                m_problem = QStringLiteral("not a JSON document");
                m_done = true;
                return Result::Malformed;
            }
        } while (isSpace(c));
        if (c == '[') {
            m_isArray = true;
        } else {
            // A lone value (one CloudEvent object): it is the only element.
            m_element.push_back(c);
        }
    }

    // Find the start of the next element.
    if (m_element.empty()) {
        while (true) {
            if (!readByte(c)) {
                m_line = m_curLine;
                m_column = m_curColumn + 1;
                m_problem = QStringLiteral("the file ends before the array's closing ']'");
                m_done = true;
                return Result::Truncated;
            }
            if (isSpace(c) || c == ',')
                continue;
            if (c == ']') {
                m_done = true;
                return Result::End;
            }
            m_element.push_back(c);
            break;
        }
    }
    m_line = m_curLine;
    m_column = m_curColumn;

    // Scan to the end of the element.
    const char first = m_element.front();
    int depth = (first == '{' || first == '[') ? 1 : 0;
    bool inString = first == '"';
    bool escaped = false;
    while (true) {
        if (depth == 0 && !inString && first != '"' && first != '{' && first != '[') {
            // A scalar: it ends at a delimiter, which belongs to the array. Refill first, so that a
            // delimiter at the start of the next chunk is seen, not swallowed.
            if (m_pos >= m_chunk.size()) {
                m_chunk = m_file.read(chunkSize);
                m_pos = 0;
            }
            if (m_pos < m_chunk.size()) {
                const char peek = m_chunk[m_pos];
                if (isSpace(peek) || peek == ',' || peek == ']')
                    break;
            }
        }
        if (!readByte(c)) {
            if (depth == 0 && !inString && !m_isArray) {
                m_done = true;
                return Result::Element;
            }
            if (depth == 0 && !inString && first != '"' && first != '{' && first != '[')
                break;
            m_problem = QStringLiteral("the file ends inside a record");
            m_done = true;
            return Result::Truncated;
        }
        m_element.push_back(c);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (depth == 0)
                    break; // a string element
            }
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (--depth == 0)
                break;
        }
    }
    if (!m_isArray) {
        // A lone value: only whitespace may follow.
        while (readByte(c)) {
            if (!isSpace(c)) {
                m_problem = QStringLiteral("unexpected text after the JSON value");
                m_line = m_curLine;
                m_column = m_curColumn;
                m_done = true;
                return Result::Malformed;
            }
        }
        m_done = true;
    }
    return Result::Element;
}

} // namespace eventscope::importers
