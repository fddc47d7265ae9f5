#include "eventbatch.h"

#include <cstdio>
#include <cstring>
#include <limits>

namespace eventscope::script {
namespace {

constexpr qsizetype timestampRoom = 32; // "+275760-09-13T00:00:00.000Z" and then some

// Howard Hinnant's days_from_civil inverse: the proleptic Gregorian date of a day since 1970-01-01.
void civilFromDays(qint64 z, qint64& year, unsigned& month, unsigned& day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = qint64(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

QChar* writeTwo(QChar* out, unsigned value)
{
    *out++ = QChar(char16_t(u'0' + value / 10));
    *out++ = QChar(char16_t(u'0' + value % 10));
    return out;
}

} // namespace

void EventBatch::clear()
{
    m_size = 0;
    m_count = 0;
    m_numbers.clear();
}

QChar* EventBatch::reserve(qsizetype extra)
{
    const auto needed = std::size_t(m_size + extra);
    if (needed > m_text.size())
        m_text.resize(std::max(needed, 2 * m_text.size()));
    return reinterpret_cast<QChar*>(m_text.data()) + m_size;
}

QChar* EventBatch::writeUtf8(QChar* out, const QByteArray& text)
{
    return m_decoder.appendToBuffer(out, text);
}

QChar* EventBatch::writeTimestamp(QChar* out, qint64 micros)
{
    // Milliseconds, rounded down as Date does with a time value.
    qint64 millis = micros / 1000;
    if (micros % 1000 < 0)
        --millis;
    qint64 days = millis / 86400000;
    qint64 ofDay = millis % 86400000;
    if (ofDay < 0) {
        ofDay += 86400000;
        --days;
    }
    if (days != m_cachedDay) {
        qint64 year;
        unsigned month, day;
        civilFromDays(days, year, month, day);
        const char* format = year >= 0 && year <= 9999 ? "%04lld-%02u-%02u" : "%+07lld-%02u-%02u";
        m_cachedDateLength = std::snprintf(m_cachedDate, sizeof m_cachedDate, format,
                                           static_cast<long long>(year), month, day);
        m_cachedDay = days;
    }
    for (int i = 0; i < m_cachedDateLength; ++i)
        *out++ = QChar(char16_t(m_cachedDate[i]));
    *out++ = QChar(u'T');
    const auto ms = unsigned(ofDay % 1000);
    const auto seconds = unsigned(ofDay / 1000);
    out = writeTwo(out, seconds / 3600);
    *out++ = QChar(u':');
    out = writeTwo(out, seconds / 60 % 60);
    *out++ = QChar(u':');
    out = writeTwo(out, seconds % 60);
    *out++ = QChar(u'.');
    *out++ = QChar(char16_t(u'0' + ms / 100));
    out = writeTwo(out, ms % 100);
    *out++ = QChar(u'Z');
    return out;
}

void EventBatch::append(const Event& event, int slot, int handler)
{
    // UTF-8 never takes fewer bytes than UTF-16 takes code units, so the byte counts bound the room.
    const qsizetype room = event.stream.size() + event.type.size() + timestampRoom + event.id.size() +
                           event.causationId.size() + event.correlationId.size() + event.data.size() +
                           event.metadata.size();
    QChar* out = reserve(room);
    const QChar* const begin = reinterpret_cast<const QChar*>(m_text.data());
    const auto start = [&out, begin, this] { m_numbers.push_back(double(out - begin)); };
    m_numbers.push_back(double(event.position));
    m_numbers.push_back(double(event.streamVersion));
    m_numbers.push_back(double(event.schemaVersion));
    m_numbers.push_back(double(slot));
    m_numbers.push_back(double(handler));
    const auto copy = [&out](const QString& text) {
        std::copy(text.cbegin(), text.cend(), out);
        out += text.size();
    };
    start();
    copy(event.stream);
    start();
    copy(event.type);
    start();
    out = writeTimestamp(out, event.timeUs);
    start();
    copy(event.id);
    start();
    copy(event.causationId);
    start();
    copy(event.correlationId);
    start();
    out = writeUtf8(out, event.data);
    start();
    out = writeUtf8(out, event.metadata);
    start();
    m_size = out - begin;
    ++m_count;
}

} // namespace eventscope::script
