#include "csvparser.h"

namespace eventscope::importers {

namespace {

constexpr unsigned char utf8Bom[3] = {0xEF, 0xBB, 0xBF};

// Past this, the buffer of an unusually long record is given back rather than kept for the rest
// of the file.
constexpr size_t keptRecordCapacity = 1024 * 1024;

} // namespace

std::string_view CsvRecord::field(qsizetype i) const
{
    const size_t begin = i == 0 ? 0 : m_fields[size_t(i) - 1].end;
    return std::string_view(m_text).substr(begin, m_fields[size_t(i)].end - begin);
}

CsvParser::CsvParser(char delimiter, size_t maxRecordBytes)
    : m_delimiter(delimiter), m_maxRecordBytes(maxRecordBytes)
{
    for (int c = 0; c < 0x80; ++c) {
        const bool special = c == '"' || c == '\r' || c == '\n';
        m_plainQuoted[size_t(c)] = !special;
        m_plainUnquoted[size_t(c)] = !special && c != static_cast<unsigned char>(delimiter);
    }
}

bool CsvParser::feed(std::string_view bytes, Handler& handler)
{
    size_t i = 0;
    // The BOM may be split across chunks, so its bytes are held until it is whole or disproved.
    while (!m_bomChecked && i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) == utf8Bom[m_bomMatched]) {
            ++i;
            m_bomChecked = ++m_bomMatched == 3;
            continue;
        }
        m_bomChecked = true;
        for (int k = 0; k < m_bomMatched; ++k) {
            if (!step(utf8Bom[k], handler))
                return false;
        }
    }
    while (i < bytes.size()) {
        const size_t end = plainRun(bytes, i);
        if (end == i) {
            if (!step(static_cast<unsigned char>(bytes[i]), handler))
                return false;
            ++i;
            continue;
        }
        // The fast path: what step() would do byte by byte, for bytes that change no state.
        if (!m_hasError) {
            if (m_record.m_text.size() + (end - i) > m_maxRecordBytes) {
                for (; i < end; ++i)
                    step(static_cast<unsigned char>(bytes[i]), handler); // reports the size, returns true
                continue;
            }
            m_record.m_text.append(bytes.substr(i, end - i));
        }
        m_column += qint64(end - i);
        m_previousWasCr = false;
        i = end;
    }
    return true;
}

size_t CsvParser::plainRun(std::string_view bytes, size_t from) const
{
    if (m_utf8Pending > 0)
        return from;
    const std::array<bool, 256>* plain = nullptr;
    if (m_state == State::Unquoted)
        plain = &m_plainUnquoted;
    else if (m_state == State::Quoted)
        plain = &m_plainQuoted;
    else
        return from;
    size_t end = from;
    while (end < bytes.size() && (*plain)[static_cast<unsigned char>(bytes[end])])
        ++end;
    return end;
}

bool CsvParser::finish(Handler& handler)
{
    if (!m_bomChecked) {
        // A file shorter than a BOM that starts like one.
        m_bomChecked = true;
        for (int k = 0; k < m_bomMatched; ++k) {
            if (!step(utf8Bom[k], handler))
                return false;
        }
    }
    if (m_utf8Pending > 0) {
        m_utf8Pending = 0;
        setError(m_utf8Line, m_utf8Column, QStringLiteral("invalid UTF-8: incomplete multi-byte sequence"));
    }
    switch (m_state) {
    case State::RecordStart:
        return true;
    case State::Quoted:
        // Whatever else went wrong in this record, the quote that swallowed the rest of the file
        // is what the user needs to know about.
        m_hasError = false;
        setError(m_quoteLine, m_quoteColumn,
                 QStringLiteral("unterminated quoted field: no closing quote before the end of the file"));
        break;
    case State::FieldStart:
    case State::Unquoted:
    case State::QuoteInQuoted:
        break;
    }
    endField();
    m_state = State::RecordStart;
    return endRecord(handler);
}

bool CsvParser::step(unsigned char c, Handler& handler)
{
    const qint64 line = m_line;
    const qint64 column = m_column;
    const bool continuation = checkUtf8(c);
    const bool lineEnd = c == '\r' || c == '\n';
    if (c == '\r') {
        ++m_line;
        m_column = 1;
    } else if (c == '\n') {
        if (!m_previousWasCr) // the LF of a CRLF ends the same line
            ++m_line;
        m_column = 1;
    } else if (!continuation) {
        ++m_column;
    }
    m_previousWasCr = c == '\r';

    const auto delimiter = static_cast<unsigned char>(m_delimiter);
    switch (m_state) {
    case State::RecordStart:
        if (lineEnd)
            return true; // a blank line, or the LF of a CRLF
        m_record.m_line = line;
        [[fallthrough]];
    case State::FieldStart:
        if (c == '"') {
            m_fieldQuoted = true;
            m_quoteLine = line;
            m_quoteColumn = column;
            m_state = State::Quoted;
        } else if (c == delimiter || lineEnd) {
            return closeField(lineEnd, handler);
        } else {
            append(c);
            m_state = State::Unquoted;
        }
        return true;
    case State::Unquoted:
        if (c == delimiter || lineEnd) {
            return closeField(lineEnd, handler);
        } else {
            if (c == '"')
                setError(line, column,
                         QStringLiteral("quote inside an unquoted field (quote the whole field and double "
                                        "the quotes in it)"));
            append(c);
        }
        return true;
    case State::Quoted:
        if (c == '"')
            m_state = State::QuoteInQuoted;
        else
            append(c);
        return true;
    case State::QuoteInQuoted:
        if (c == '"') {
            append(c);
            m_state = State::Quoted;
        } else if (c == delimiter || lineEnd) {
            return closeField(lineEnd, handler);
        } else {
            setError(line, column, QStringLiteral("text after the closing quote of a field"));
            append(c);
            m_state = State::Unquoted;
        }
        return true;
    }
    return true;
}

// Validates UTF-8 as the bytes go by (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF), so that a problem is placed exactly.
bool CsvParser::checkUtf8(unsigned char c)
{
    if (m_utf8Pending > 0) {
        const bool fits = c >= m_utf8Low && c <= m_utf8High;
        m_utf8Low = 0x80;
        m_utf8High = 0xBF;
        if (fits) {
            --m_utf8Pending;
            return true;
        }
        m_utf8Pending = 0;
        setError(m_utf8Line, m_utf8Column, QStringLiteral("invalid UTF-8: incomplete multi-byte sequence"));
    }
    if (c < 0x80)
        return false;
    m_utf8Line = m_line;
    m_utf8Column = m_column;
    if (c >= 0xC2 && c <= 0xDF) {
        m_utf8Pending = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        m_utf8Pending = 2;
        if (c == 0xE0)
            m_utf8Low = 0xA0; // overlong
        else if (c == 0xED)
            m_utf8High = 0x9F; // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        m_utf8Pending = 3;
        if (c == 0xF0)
            m_utf8Low = 0x90; // overlong
        else if (c == 0xF4)
            m_utf8High = 0x8F; // beyond U+10FFFF
    } else {
        setError(m_line, m_column,
                 QStringLiteral("invalid UTF-8: byte 0x") + QString::number(c, 16).toUpper());
    }
    return false;
}

void CsvParser::append(unsigned char c)
{
    // A record already rejected needs no content, only its end.
    if (m_hasError)
        return;
    if (m_record.m_text.size() >= m_maxRecordBytes) {
        setError(m_record.m_line, 1,
                 QStringLiteral("record is larger than %1 bytes").arg(qulonglong(m_maxRecordBytes)));
        return;
    }
    m_record.m_text.push_back(static_cast<char>(c));
}

void CsvParser::endField()
{
    m_record.m_fields.push_back({m_record.m_text.size(), m_fieldQuoted});
    m_fieldQuoted = false;
}

// A delimiter or a line end closes the current field; a line end closes the record too.
bool CsvParser::closeField(bool lineEnd, Handler& handler)
{
    endField();
    m_state = lineEnd ? State::RecordStart : State::FieldStart;
    return lineEnd ? endRecord(handler) : true;
}

bool CsvParser::endRecord(Handler& handler)
{
    const bool goOn = m_hasError ? handler.malformed(m_error) : handler.record(m_record);
    if (m_record.m_text.capacity() > keptRecordCapacity)
        m_record.m_text = std::string();
    m_record.m_text.clear();
    m_record.m_fields.clear();
    m_hasError = false;
    return goOn;
}

void CsvParser::setError(qint64 line, qint64 column, const QString& reason)
{
    if (m_hasError)
        return; // the first problem is the one to fix
    m_hasError = true;
    m_error = {line, column, qsizetype(m_record.m_fields.size()), reason};
}

} // namespace eventscope::importers
