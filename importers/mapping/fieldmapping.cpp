#include "fieldmapping.h"

#include <QSet>

namespace eventscope::importers {
namespace {

struct TargetName
{
    Target target;
    const char* name;
};

constexpr TargetName targetNames[] = {
    {Target::Stream, "stream"},
    {Target::Type, "type"},
    {Target::Time, "time"},
    {Target::Id, "id"},
    {Target::Data, "data"},
    {Target::Metadata, "metadata"},
    {Target::Version, "version"},
    {Target::SchemaVersion, "schema_version"},
    {Target::Causation, "causation"},
    {Target::Correlation, "correlation"},
    {Target::ContentType, "content_type"},
    {Target::Source, "source"},
};

FieldMapping makePreset(const char* name, const char* description,
                        std::initializer_list<std::pair<Target, const char*>> fields,
                        std::initializer_list<const char*> required)
{
    FieldMapping m;
    m.name = QString::fromLatin1(name);
    m.description = QString::fromLatin1(description);
    for (const auto& [target, field] : fields)
        m.fields.insert(target, QString::fromLatin1(field));
    for (const char* field : required)
        m.required << QString::fromLatin1(field);
    return m;
}

std::vector<FieldMapping> makePresets()
{
    std::vector<FieldMapping> presets;
    presets.push_back(makePreset("envelope", "Eventscope envelope",
                                 {{Target::Stream, "stream"},
                                  {Target::Type, "type"},
                                  {Target::Time, "time"},
                                  {Target::Id, "id"},
                                  {Target::Data, "data"},
                                  {Target::Metadata, "metadata"},
                                  {Target::Version, "streamVersion"},
                                  {Target::SchemaVersion, "schemaVersion"},
                                  {Target::Causation, "causationId"},
                                  {Target::Correlation, "correlationId"},
                                  {Target::ContentType, "contentType"},
                                  {Target::Source, "source"}},
                                 {"stream", "type", "time"}));
    presets.push_back(makePreset("messagedb", "Message DB rows",
                                 {{Target::Stream, "stream_name"},
                                  {Target::Type, "type"},
                                  {Target::Time, "time"},
                                  {Target::Id, "id"},
                                  {Target::Data, "data"},
                                  {Target::Metadata, "metadata"},
                                  {Target::Version, "position"}},
                                 {"stream_name", "type", "time"}));
    presets.push_back(makePreset("marten", "Marten mt_events rows",
                                 {{Target::Stream, "stream_id"},
                                  {Target::Type, "type"},
                                  {Target::Time, "timestamp"},
                                  {Target::Id, "id"},
                                  {Target::Data, "data"},
                                  {Target::Version, "version"},
                                  {Target::Causation, "causation_id"},
                                  {Target::Correlation, "correlation_id"}},
                                 {"stream_id", "type", "timestamp", "version"}));
    presets.push_back(makePreset("kurrentdb", "KurrentDB / EventStoreDB export",
                                 {{Target::Stream, "streamId"},
                                  {Target::Type, "eventType"},
                                  {Target::Time, "created"},
                                  {Target::Id, "eventId"},
                                  {Target::Data, "data"},
                                  {Target::Metadata, "metadata"},
                                  {Target::Version, "eventNumber"}},
                                 {"streamId", "eventType", "created"}));
    return presets;
}

} // namespace

QString targetName(Target target)
{
    for (const auto& t : targetNames) {
        if (t.target == target)
            return QString::fromLatin1(t.name);
    }
    return {};
}

std::optional<Target> targetFromName(const QString& name)
{
    const QString key = name.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const auto& t : targetNames) {
        if (key == QLatin1String(t.name))
            return t.target;
    }
    // Friendly aliases.
    if (key == QLatin1String("stream_version") || key == QLatin1String("streamversion"))
        return Target::Version;
    if (key == QLatin1String("causation_id"))
        return Target::Causation;
    if (key == QLatin1String("correlation_id"))
        return Target::Correlation;
    if (key == QLatin1String("schema"))
        return Target::SchemaVersion;
    return std::nullopt;
}

QStringList FieldMapping::consumedFields() const
{
    QSet<QString> seen;
    QStringList result;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        const QString top = it.value().section(QLatin1Char('.'), 0, 0);
        if (it.value() != QLatin1String("*") && !seen.contains(top)) {
            seen.insert(top);
            result << top;
        }
    }
    return result;
}

QString FieldMapping::toSpec() const
{
    QStringList parts;
    for (const auto& t : targetNames) {
        if (fields.contains(t.target))
            parts << QString::fromLatin1(t.name) + QLatin1Char('=') + fields.value(t.target);
    }
    switch (timeUnit) {
    case EpochUnit::Seconds:
        parts << QStringLiteral("time_unit=s");
        break;
    case EpochUnit::Milliseconds:
        parts << QStringLiteral("time_unit=ms");
        break;
    case EpochUnit::Microseconds:
        parts << QStringLiteral("time_unit=us");
        break;
    case EpochUnit::Auto:
        break;
    }
    return parts.join(QLatin1Char(','));
}

std::optional<FieldMapping> FieldMapping::parse(const QString& spec, QString* error)
{
    const QString trimmed = spec.trimmed();
    if (const FieldMapping* named = preset(trimmed))
        return *named;
    FieldMapping m;
    m.name = QStringLiteral("custom");
    m.description = QStringLiteral("--map ") + trimmed;
    const QStringList parts = trimmed.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const auto eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (error)
                *error = QStringLiteral("mapping entry '%1' is not target=field").arg(part.trimmed());
            return std::nullopt;
        }
        const QString key = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1).trimmed();
        if (key == QLatin1String("preset")) {
            const FieldMapping* base = preset(value);
            if (!base) {
                if (error)
                    *error =
                        QStringLiteral("unknown mapping preset '%1' (envelope, messagedb, marten, kurrentdb)")
                            .arg(value);
                return std::nullopt;
            }
            for (auto it = base->fields.cbegin(); it != base->fields.cend(); ++it) {
                if (!m.fields.contains(it.key()))
                    m.fields.insert(it.key(), it.value());
            }
            continue;
        }
        if (key == QLatin1String("time_unit")) {
            if (value == QLatin1String("s"))
                m.timeUnit = EpochUnit::Seconds;
            else if (value == QLatin1String("ms"))
                m.timeUnit = EpochUnit::Milliseconds;
            else if (value == QLatin1String("us"))
                m.timeUnit = EpochUnit::Microseconds;
            else {
                if (error)
                    *error = QStringLiteral("time_unit must be s, ms or us, not '%1'").arg(value);
                return std::nullopt;
            }
            continue;
        }
        const auto target = targetFromName(key);
        if (!target) {
            if (error) {
                QStringList names;
                for (const auto& t : targetNames)
                    names << QString::fromLatin1(t.name);
                *error = QStringLiteral("unknown mapping target '%1' (targets: %2, time_unit, preset)")
                             .arg(key, names.join(QStringLiteral(", ")));
            }
            return std::nullopt;
        }
        if (value.isEmpty() || (value == QLatin1String("*") && *target != Target::Data)) {
            if (error)
                *error = QStringLiteral("mapping target '%1' needs a field name").arg(key);
            return std::nullopt;
        }
        m.fields.insert(*target, value == QLatin1String(".") ? QStringLiteral("*") : value);
    }
    if (!m.has(Target::Stream) || !m.has(Target::Type)) {
        if (error)
            *error = QStringLiteral("a mapping needs at least stream=FIELD and type=FIELD");
        return std::nullopt;
    }
    return m;
}

const std::vector<FieldMapping>& FieldMapping::presets()
{
    static const std::vector<FieldMapping> all = makePresets();
    return all;
}

const FieldMapping* FieldMapping::preset(const QString& name)
{
    for (const auto& p : presets()) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

std::vector<const FieldMapping*> FieldMapping::matching(const QStringList& fieldNames)
{
    std::vector<const FieldMapping*> result;
    for (const auto& p : presets()) {
        const bool all = std::all_of(p.required.cbegin(), p.required.cend(),
                                     [&](const QString& f) { return fieldNames.contains(f); });
        if (all)
            result.push_back(&p);
    }
    return result;
}

FieldMapping FieldMapping::suggest(const QStringList& fieldNames)
{
    // A field serves one target; exact names win over names that merely contain a hint.
    QStringList used;
    auto pick = [&](const std::vector<const char*>& hints) -> QString {
        for (const bool exact : {true, false}) {
            for (const char* hint : hints) {
                for (const QString& f : fieldNames) {
                    const bool match = exact ? f.compare(QLatin1String(hint), Qt::CaseInsensitive) == 0
                                             : f.contains(QLatin1String(hint), Qt::CaseInsensitive);
                    if (match && !used.contains(f)) {
                        used << f;
                        return f;
                    }
                }
            }
        }
        return {};
    };
    struct Hints
    {
        Target target;
        std::vector<const char*> names;
    };
    FieldMapping m;
    m.name = QStringLiteral("custom");
    m.description = QStringLiteral("suggested from the field names");
    const Hints hints[] = {
        {Target::Stream, {"aggregateId", "streamId", "stream", "aggregate", "entityId", "key"}},
        {Target::Type, {"eventType", "type", "event", "name", "kind"}},
        {Target::Time, {"occurredAt", "timestamp", "time", "created", "date", "at"}},
        {Target::Id, {"eventId", "id", "uuid"}},
        {Target::Data, {"payload", "data", "body"}},
    };
    for (const auto& [target, names] : hints) {
        const QString field = pick(names);
        if (!field.isEmpty())
            m.fields.insert(target, field);
    }
    return m;
}

QString FieldMapping::noMatchHelp(const QStringList& fieldNames)
{
    const FieldMapping suggestion = suggest(fieldNames);
    const auto field = [&](Target t) {
        return suggestion.has(t) ? suggestion.source(t) : QStringLiteral("FIELD");
    };
    QStringList example;
    example << QStringLiteral("stream=") + field(Target::Stream);
    example << QStringLiteral("type=") + field(Target::Type);
    example << QStringLiteral("time=") + field(Target::Time);
    if (suggestion.has(Target::Id))
        example << QStringLiteral("id=") + suggestion.source(Target::Id);
    if (suggestion.has(Target::Data)) // otherwise the remaining fields become the data
        example << QStringLiteral("data=") + suggestion.source(Target::Data);
    return QStringLiteral(
               "no field mapping matches these records; fields seen: %1; pass one with e.g. --map %2")
        .arg(fieldNames.join(QStringLiteral(", ")), example.join(QLatin1Char(',')));
}

} // namespace eventscope::importers
