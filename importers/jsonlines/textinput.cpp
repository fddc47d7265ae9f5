#include "textinput.h"

#include <cstring>

namespace eventscope::importers {

namespace {
constexpr size_t chunkSize = 4 << 20;
}

QByteArrayView skipBom(QByteArrayView head)
{
    return head.startsWith("\xEF\xBB\xBF") ? head.sliced(3) : head;
}

bool isBlank(std::string_view line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

QString LineInput::open(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot open: %2").arg(path, m_file.errorString());
    m_buffer.resize(chunkSize);
    return {};
}

bool LineInput::fill()
{
    if (m_eof)
        return false;
    // Keep the unfinished line, grow when it fills the whole buffer.
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_buffer.size())
        m_buffer.resize(m_buffer.size() * 2);
    const qint64 n = m_file.read(m_buffer.data() + m_end, qint64(m_buffer.size() - m_end));
    if (n < 0) {
        m_error = QStringLiteral("%1: read error: %2").arg(m_file.fileName(), m_file.errorString());
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += size_t(n);
    return true;
}

bool LineInput::next(std::string_view& line)
{
    while (true) {
        const char* start = m_buffer.data() + m_begin;
        const void* newline = m_begin < m_end ? std::memchr(start, '\n', m_end - m_begin) : nullptr;
        size_t length;
        size_t advance;
        if (newline) {
            length = size_t(static_cast<const char*>(newline) - start);
            advance = length + 1;
        } else if (!fill()) {
            if (m_begin >= m_end)
                return false;
            length = m_end - m_begin; // last line without a newline
            advance = length;
        } else {
            continue;
        }
        start = m_buffer.data() + m_begin;
        line = std::string_view(start, length);
        m_begin += advance;
        m_consumed += qint64(advance);
        ++m_lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (m_first) {
            m_first = false;
            if (line.size() >= 3 && std::memcmp(line.data(), "\xEF\xBB\xBF", 3) == 0)
                line.remove_prefix(3);
        }
        return true;
    }
}

} // namespace eventscope::importers
