#include "filterfields.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace eventscope::filter::detail {
namespace {

struct FieldInfo
{
    const char* name;
    Field field;
    FieldKind kind;
};

constexpr std::array<FieldInfo, 11> fields = {{
    {"position", Field::Position, FieldKind::Integer},
    {"time", Field::Time, FieldKind::Time},
    {"stream", Field::Stream, FieldKind::Text},
    {"category", Field::Category, FieldKind::Text},
    {"type", Field::Type, FieldKind::Text},
    {"version", Field::Version, FieldKind::Integer},
    {"id", Field::Id, FieldKind::Text},
    {"causation", Field::Causation, FieldKind::Text},
    {"correlation", Field::Correlation, FieldKind::Text},
    {"data", Field::Data, FieldKind::Payload},
    {"metadata", Field::Metadata, FieldKind::Payload},
}};

// Names from other tools and from the envelope's own JSON, lowercased.
constexpr std::array<std::pair<const char*, const char*>, 17> aliases = {{
    {"eventtype", "type"},
    {"event_type", "type"},
    {"streamid", "stream"},
    {"stream_id", "stream"},
    {"streamversion", "version"},
    {"stream_version", "version"},
    {"timestamp", "time"},
    {"time_us", "time"},
    {"causationid", "causation"},
    {"causation_id", "causation"},
    {"correlationid", "correlation"},
    {"correlation_id", "correlation"},
    {"payload", "data"},
    {"body", "data"},
    {"meta", "metadata"},
    {"eventid", "id"},
    {"seq", "position"},
}};

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] =
                std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

FieldKind kindOf(Field field)
{
    for (const FieldInfo& info : fields) {
        if (info.field == field)
            return info.kind;
    }
    return FieldKind::Text;
}

bool isOptionalText(Field field)
{
    return field == Field::Causation || field == Field::Correlation;
}

std::optional<Field> fieldNamed(const QString& name)
{
    for (const FieldInfo& info : fields) {
        if (name == QLatin1String(info.name))
            return info.field;
    }
    return std::nullopt;
}

QString fieldName(Field field)
{
    for (const FieldInfo& info : fields) {
        if (info.field == field)
            return QLatin1String(info.name);
    }
    return {};
}

QStringList fieldNames()
{
    QStringList names;
    for (const FieldInfo& info : fields)
        names.append(QLatin1String(info.name));
    return names;
}

QString suggestField(const QString& unknown)
{
    const QString lower = unknown.toLower();
    for (const auto& [alias, field] : aliases) {
        if (lower == QLatin1String(alias))
            return QLatin1String(field);
    }
    QString best;
    int bestDistance = unknown.size() <= 3 ? 1 : 2; // short names: one slip at most
    for (const FieldInfo& info : fields) {
        const int distance = editDistance(lower, QLatin1String(info.name));
        if (distance <= bestDistance && (best.isEmpty() || distance < bestDistance)) {
            best = QLatin1String(info.name);
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace eventscope::filter::detail
