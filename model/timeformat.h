#pragma once

#include <QString>

#include <optional>
#include <string_view>

namespace eventscope {

// Parses an RFC 3339 / ISO 8601 timestamp ("2025-03-01T12:00:00.123456+02:00", "...Z", a space
// instead of 'T', no offset = UTC, fractions of any length) into UTC microseconds since the epoch.
std::optional<qint64> parseTimestamp(std::string_view text);
inline std::optional<qint64> parseTimestamp(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseTimestamp(std::string_view(utf8.constData(), size_t(utf8.size())));
}

enum class EpochUnit
{
    Auto, // by magnitude: seconds below 1e11, milliseconds below 1e14, microseconds above
    Seconds,
    Milliseconds,
    Microseconds
};

// Converts an epoch number to microseconds; fractional seconds or milliseconds are kept.
std::optional<qint64> epochToMicros(double value, EpochUnit unit = EpochUnit::Auto);

// RFC 3339 in UTC with a 'Z'; microseconds are written only when non-zero, so that
// formatTimestamp(parseTimestamp(x)) round-trips exactly.
QString formatTimestamp(qint64 micros);
std::string formatTimestampUtf8(qint64 micros);

} // namespace eventscope
