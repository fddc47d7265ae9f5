#pragma once

#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <string_view>
#include <vector>

namespace eventscope::importers {

QByteArrayView skipBom(QByteArrayView head);
bool isBlank(std::string_view line);

// Reads a text file line by line through one growing buffer: LF or CRLF endings, a UTF-8 BOM
// skipped, a last line without a newline delivered. Lines are views into the buffer, valid until
// the next call.
class LineInput
{
public:
    QString open(const QString& path); // returns an error message, empty on success
    bool next(std::string_view& line);
    qint64 lineNumber() const { return m_lineNumber; } // of the line last returned, 1-based
    qint64 bytesConsumed() const { return m_consumed; }
    QString error() const { return m_error; }

private:
    bool fill();

    QFile m_file;
    std::vector<char> m_buffer;
    size_t m_begin = 0;
    size_t m_end = 0;
    bool m_eof = false;
    bool m_first = true;
    qint64 m_lineNumber = 0;
    qint64 m_consumed = 0;
    QString m_error;
};

} // namespace eventscope::importers
