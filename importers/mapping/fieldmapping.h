#pragma once

#include "timeformat.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace eventscope::importers {

// Which envelope field a source field fills.
enum class Target
{
    Stream,
    Type,
    Time,
    Id,
    Data,
    Metadata,
    Version, // stream_version
    SchemaVersion,
    Causation,
    Correlation,
    ContentType,
    Source
};

// How records of a shape become envelopes: `stream=aggregateId,type=eventType,time=occurredAt,
// id=eventId,data=payload`. A source is a field name or a dotted path into nested objects; data=*
// takes the whole record. `time_unit=s|ms|us` fixes the unit of numeric times (default: by
// magnitude). Built-in presets cover our envelope, Message DB and Marten rows and KurrentDB /
// EventStoreDB exports.
struct FieldMapping
{
    QString name; // preset id ("envelope", "messagedb", "marten", "kurrentdb") or "custom"
    QString description;
    QHash<Target, QString> fields;
    QStringList required; // source fields a record must have for this preset to match
    EpochUnit timeUnit = EpochUnit::Auto;

    QString source(Target target) const { return fields.value(target); }
    bool has(Target target) const { return fields.contains(target); }
    bool dataIsWholeRecord() const { return fields.value(Target::Data) == QLatin1String("*"); }
    // The source fields this mapping consumes (top-level names), so that readers can put the rest
    // into data when data is not mapped.
    QStringList consumedFields() const;
    QString toSpec() const;

    // Parses a --map specification; on failure returns nullopt and sets error.
    static std::optional<FieldMapping> parse(const QString& spec, QString* error);
    static const std::vector<FieldMapping>& presets();
    static const FieldMapping* preset(const QString& name);
    // The presets whose required fields are all among fieldNames.
    static std::vector<const FieldMapping*> matching(const QStringList& fieldNames);
    // The likeliest source of stream, type, time, id and data among fieldNames by common naming
    // (aggregateId, eventType, occurredAt, ...), each field serving one target; targets with no
    // likely field are left out. What the import dialog prefills when no preset matches.
    static FieldMapping suggest(const QStringList& fieldNames);
    // For the error shown when nothing matches: "fields seen: a, b, c; try --map stream=a,type=b,..."
    static QString noMatchHelp(const QStringList& fieldNames);
};

QString targetName(Target target);
std::optional<Target> targetFromName(const QString& name);

} // namespace eventscope::importers
