#include "timeformat.h"

#include <cmath>
#include <cstdio>

namespace eventscope {
namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since 1970-01-01.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, qint64& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool digits(std::string_view s, size_t pos, size_t count, int& out)
{
    if (pos + count > s.size())
        return false;
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

} // namespace

std::optional<qint64> parseTimestamp(std::string_view s)
{
    int year, month, day, hour, minute, second;
    if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    size_t pos = 10;
    hour = minute = second = 0;
    qint64 fractionMicros = 0;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')
            return std::nullopt;
        if (!digits(s, pos + 1, 2, hour) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, minute))
            return std::nullopt;
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            if (!digits(s, pos + 1, 2, second))
                return std::nullopt;
            pos += 3;
        }
        if (hour > 23 || minute > 59 || second > 60)
            return std::nullopt;
        if (second == 60) // leap second: clamp, as most runtimes do
            second = 59;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            const size_t start = pos;
            qint64 scale = 100000;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                fractionMicros += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return std::nullopt;
        }
    }
    qint64 offsetSeconds = 0;
    if (pos < s.size()) {
        const char c = s[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            int oh, om = 0;
            if (!digits(s, pos + 1, 2, oh))
                return std::nullopt;
            pos += 3;
            if (pos < s.size() && s[pos] == ':')
                ++pos;
            if (pos < s.size()) {
                if (!digits(s, pos, 2, om))
                    return std::nullopt;
                pos += 2;
            }
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != s.size())
        return std::nullopt;
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return seconds * 1000000 + fractionMicros;
}

std::optional<qint64> epochToMicros(double value, EpochUnit unit)
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (unit == EpochUnit::Auto) {
        const double magnitude = std::fabs(value);
        unit = magnitude < 1e11   ? EpochUnit::Seconds
               : magnitude < 1e14 ? EpochUnit::Milliseconds
                                  : EpochUnit::Microseconds;
    }
    double micros = value;
    switch (unit) {
    case EpochUnit::Seconds:
        micros = value * 1e6;
        break;
    case EpochUnit::Milliseconds:
        micros = value * 1e3;
        break;
    case EpochUnit::Microseconds:
    case EpochUnit::Auto:
        break;
    }
    if (std::fabs(micros) > 9.2e18)
        return std::nullopt;
    return qint64(std::llround(micros));
}

std::string formatTimestampUtf8(qint64 micros)
{
    qint64 seconds = micros / 1000000;
    qint64 fraction = micros % 1000000;
    if (fraction < 0) {
        fraction += 1000000;
        --seconds;
    }
    qint64 days = seconds / 86400;
    qint64 secondsOfDay = seconds % 86400;
    if (secondsOfDay < 0) {
        secondsOfDay += 86400;
        --days;
    }
    qint64 y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char buffer[48];
    int n =
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y), m,
                      d, int(secondsOfDay / 3600), int(secondsOfDay / 60 % 60), int(secondsOfDay % 60));
    if (fraction != 0)
        n +=
            std::snprintf(buffer + n, sizeof buffer - size_t(n), ".%06lld", static_cast<long long>(fraction));
    buffer[n++] = 'Z';
    return std::string(buffer, size_t(n));
}

QString formatTimestamp(qint64 micros)
{
    return QString::fromStdString(formatTimestampUtf8(micros));
}

} // namespace eventscope
