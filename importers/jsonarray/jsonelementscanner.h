#pragma once

#include <QFile>
#include <QString>

#include <string>

namespace eventscope::importers {

// Splits a top-level JSON array (or a lone top-level value) into its elements without parsing
// them: tracks nesting, strings and escapes byte by byte. Reports each element's text with the
// line and column where it starts.
class JsonElementScanner
{
public:
    enum class Result
    {
        Element,   // element() holds one element
        End,       // the document ended cleanly
        Truncated, // the file ends inside an element or before the closing bracket
        Malformed  // something that is not JSON structure at the top level; see problem()
    };

    QString open(const QString& path); // error text, empty on success
    Result next();

    const std::string& element() const { return m_element; }
    qint64 line() const { return m_line; }     // where the element (or the problem) starts
    qint64 column() const { return m_column; } // 1-based, bytes
    qint64 bytesConsumed() const { return m_consumed; }
    QString problem() const { return m_problem; }
    bool isArray() const { return m_isArray; }

private:
    bool readByte(char& c);

    QFile m_file;
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    bool m_started = false;
    bool m_isArray = false;
    bool m_done = false;
    std::string m_element;
    qint64 m_line = 1;
    qint64 m_column = 1;
    qint64 m_curLine = 1;
    qint64 m_curColumn = 0;
    qint64 m_consumed = 0;
    QString m_problem;
};

} // namespace eventscope::importers
