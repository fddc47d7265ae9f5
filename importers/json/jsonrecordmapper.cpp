#include "jsonrecordmapper.h"

#include "cloudevents/cloudeventsjson.h"
#include "simdjsonutil.h"

#include <array>
#include <cmath>

namespace eventscope::importers {

using namespace json;
namespace dom = simdjson::dom;

namespace {

constexpr std::array allTargets = {Target::Stream,      Target::Type,          Target::Time,
                                   Target::Id,          Target::Data,          Target::Metadata,
                                   Target::Version,     Target::SchemaVersion, Target::Causation,
                                   Target::Correlation, Target::ContentType,   Target::Source};

// A scalar as text: strings as they are, integers in decimal (stream ids and event ids are often
// numbers in real logs).
std::optional<QString> scalarText(const dom::element& e)
{
    switch (e.type()) {
    case dom::element_type::STRING:
        return toQString(std::string_view(e));
    case dom::element_type::INT64:
        return QString::number(int64_t(e));
    case dom::element_type::UINT64:
        return QString::number(uint64_t(e));
    default:
        return std::nullopt;
    }
}

std::optional<qint64> integerValue(const dom::element& e)
{
    switch (e.type()) {
    case dom::element_type::INT64:
        return int64_t(e);
    case dom::element_type::UINT64:
        if (uint64_t(e) > uint64_t(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return qint64(uint64_t(e));
    case dom::element_type::DOUBLE: {
        const double d = double(e);
        if (std::floor(d) != d || std::fabs(d) > 9e15)
            return std::nullopt;
        return qint64(d);
    }
    case dom::element_type::STRING: {
        bool ok = false;
        const qint64 v = toQString(std::string_view(e)).toLongLong(&ok);
        return ok ? std::optional<qint64>(v) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

} // namespace

struct JsonRecordMapper::Impl
{
    enum class Mode
    {
        Undecided,
        Mapping,
        CloudEvents,
        Failed
    };

    ReadOptions options;
    dom::parser parser;
    Mode mode = Mode::Undecided;
    FieldMapping mapping;
    QString note;
    QString fatalError;
    std::array<std::string, allTargets.size()> paths; // UTF-8 source path per target, empty = unmapped
    std::vector<std::string> consumed;
    std::string buffer;
    bool topLevelOnly = false; // every mapped path is a top-level member: raw texts are usable
    RawMemberScanner rawScanner;
    std::vector<RawMemberScanner::Member> rawMembers;
    std::string_view currentText;

    const std::string& path(Target t) const { return paths[size_t(t)]; }

    void decide(const dom::object& record)
    {
        QStringList keys;
        for (const auto field : record)
            keys << toQString(field.key);
        if (!options.mapping.trimmed().isEmpty()) {
            const QString spec = options.mapping.trimmed();
            if (spec == QLatin1String("cloudevents")) {
                mode = Mode::CloudEvents;
                note = QStringLiteral("mapping: CloudEvents structured mode (--map)");
                return;
            }
            QString error;
            auto parsed = FieldMapping::parse(spec, &error);
            if (!parsed) {
                fail(QStringLiteral("--map: ") + error);
                return;
            }
            use(*parsed,
                QStringLiteral("mapping: %1 (--map)")
                    .arg(parsed->name == QLatin1String("custom") ? parsed->toSpec() : parsed->description));
            return;
        }
        if (keys.contains(QStringLiteral("specversion"))) {
            mode = Mode::CloudEvents;
            note = QStringLiteral("mapping: CloudEvents structured mode (detected)");
            return;
        }
        const auto candidates = FieldMapping::matching(keys);
        if (candidates.size() == 1) {
            use(*candidates.front(),
                QStringLiteral("mapping: %1 (detected)").arg(candidates.front()->description));
        } else if (candidates.empty()) {
            fail(FieldMapping::noMatchHelp(keys));
        } else {
            QStringList names;
            for (const auto* c : candidates)
                names << c->name;
            fail(QStringLiteral("records match several mappings (%1); choose one with --map preset=NAME")
                     .arg(names.join(QStringLiteral(", "))));
        }
    }

    void use(const FieldMapping& m, const QString& noteText)
    {
        mapping = m;
        // A time_unit in the mapping wins; otherwise the unit the user chose for the whole read.
        if (mapping.timeUnit == EpochUnit::Auto)
            mapping.timeUnit = options.epochUnit;
        mode = Mode::Mapping;
        note = noteText;
        for (const Target t : allTargets)
            paths[size_t(t)] = m.source(t).toStdString();
        for (const QString& f : m.consumedFields())
            consumed.push_back(f.toStdString());
        topLevelOnly = std::none_of(paths.begin(), paths.end(),
                                    [](const std::string& p) { return p.find('.') != std::string::npos; });
    }

    // The original text of a top-level member, or nothing when it cannot be had cheaply.
    std::optional<std::string_view> rawMember(const std::string& key) const
    {
        for (const auto& m : rawMembers) {
            if (m.escapedKey == key)
                return m.rawValue;
        }
        return std::nullopt;
    }

    QByteArray jsonText(Target t, const dom::element& value) const
    {
        if (topLevelOnly && !rawMembers.empty()) {
            if (const auto raw = rawMember(path(t)))
                return compactJsonText(*raw);
        }
        return QByteArray::fromStdString(simdjson::minify(value));
    }

    void fail(const QString& error)
    {
        mode = Mode::Failed;
        fatalError = error;
    }

    std::optional<dom::element> lookup(const dom::element& record, Target t) const
    {
        const std::string& p = path(t);
        if (p.empty())
            return std::nullopt;
        auto found = lookupPath(record, p);
        if (found && found->is_null())
            return std::nullopt;
        return found;
    }

    // data = the fields no envelope target took, when the mapping does not name data.
    QByteArray remainingFields(const dom::object& record)
    {
        buffer.clear();
        if (topLevelOnly && !rawMembers.empty()) {
            buffer.push_back('{');
            for (const auto& m : rawMembers) {
                if (std::find(consumed.begin(), consumed.end(), m.escapedKey) != consumed.end())
                    continue;
                if (buffer.size() > 1)
                    buffer.push_back(',');
                buffer.push_back('"');
                buffer.append(m.escapedKey);
                buffer += "\":";
                const QByteArray value = compactJsonText(m.rawValue);
                buffer.append(value.constData(), size_t(value.size()));
            }
            buffer.push_back('}');
            return QByteArray(buffer.data(), qsizetype(buffer.size()));
        }
        buffer.push_back('{');
        bool first = true;
        for (const auto field : record) {
            if (std::find(consumed.begin(), consumed.end(), field.key) != consumed.end())
                continue;
            if (!first)
                buffer.push_back(',');
            first = false;
            appendJsonString(buffer, field.key);
            buffer.push_back(':');
            buffer += simdjson::minify(field.value);
        }
        buffer.push_back('}');
        return QByteArray(buffer.data(), qsizetype(buffer.size()));
    }

    Outcome mapWithMapping(const dom::element& record)
    {
        Outcome out;
        rawMembers.clear();
        if (topLevelOnly && !rawScanner.scan(currentText, rawMembers))
            rawMembers.clear(); // fall back to re-serialising
        Event e;
        auto fieldError = [&](Target t, const char* expected, const dom::element& value) {
            out.error = QStringLiteral("field '%1' (%2) must be %3, found %4")
                            .arg(QString::fromStdString(path(t)), targetName(t), QLatin1String(expected),
                                 QLatin1String(describeType(value)));
        };
        auto missing = [&](Target t) {
            out.error =
                path(t).empty()
                    ? QStringLiteral("no field is mapped to %1; add %1=FIELD to --map").arg(targetName(t))
                    : QStringLiteral("missing required field '%1' (%2)")
                          .arg(QString::fromStdString(path(t)), targetName(t));
        };

        const auto stream = lookup(record, Target::Stream);
        if (!stream)
            return missing(Target::Stream), out;
        const auto streamText = scalarText(*stream);
        if (!streamText || streamText->isEmpty())
            return fieldError(Target::Stream, "a non-empty string or integer", *stream), out;
        e.stream = *streamText;

        const auto type = lookup(record, Target::Type);
        if (!type)
            return missing(Target::Type), out;
        if (!type->is_string() || std::string_view(*type).empty())
            return fieldError(Target::Type, "a non-empty string", *type), out;
        e.type = toQString(std::string_view(*type));

        const auto time = lookup(record, Target::Time);
        if (!time)
            return missing(Target::Time), out;
        if (time->is_string()) {
            const std::string_view text(*time);
            auto parsed = parseTimestamp(text);
            if (!parsed) {
                bool isNumber = false;
                const double number = toQString(text).toDouble(&isNumber);
                if (isNumber)
                    parsed = epochToMicros(number, mapping.timeUnit);
            }
            if (!parsed) {
                out.error =
                    QStringLiteral("field '%1' (time) is not an RFC 3339 timestamp or epoch number: \"%2\"")
                        .arg(QString::fromStdString(path(Target::Time)), toQString(text).left(60));
                return out;
            }
            e.timeUs = *parsed;
        } else if (time->is_number()) {
            const auto micros = time->is_int64() ? epochToMicros(double(int64_t(*time)), mapping.timeUnit)
                                                 : epochToMicros(double(*time), mapping.timeUnit);
            if (!micros)
                return fieldError(Target::Time, "a timestamp in range", *time), out;
            if (time->is_int64() && mapping.timeUnit == EpochUnit::Microseconds)
                e.timeUs = int64_t(*time); // exact, no double rounding
            else
                e.timeUs = *micros;
        } else {
            return fieldError(Target::Time, "an RFC 3339 string or an epoch number", *time), out;
        }

        if (const auto id = lookup(record, Target::Id)) {
            const auto text = scalarText(*id);
            if (!text)
                return fieldError(Target::Id, "a string or integer", *id), out;
            e.id = *text;
        }
        if (const auto version = lookup(record, Target::Version)) {
            const auto v = integerValue(*version);
            if (!v || *v < 0)
                return fieldError(Target::Version, "a non-negative integer", *version), out;
            e.streamVersion = *v;
        }
        if (const auto schema = lookup(record, Target::SchemaVersion)) {
            const auto v = integerValue(*schema);
            if (!v || *v < 0 || *v > std::numeric_limits<int>::max())
                return fieldError(Target::SchemaVersion, "a non-negative integer", *schema), out;
            e.schemaVersion = int(*v);
        }
        for (const Target t : {Target::Causation, Target::Correlation, Target::ContentType, Target::Source}) {
            const auto value = lookup(record, t);
            if (!value)
                continue;
            const auto text = scalarText(*value);
            if (!text)
                return fieldError(t, "a string", *value), out;
            switch (t) {
            case Target::Causation:
                e.causationId = *text;
                break;
            case Target::Correlation:
                e.correlationId = *text;
                break;
            case Target::ContentType:
                e.contentType = *text;
                break;
            default:
                e.source = *text;
            }
        }

        if (mapping.dataIsWholeRecord()) {
            e.data = QByteArray::fromStdString(simdjson::minify(record));
        } else if (!path(Target::Data).empty()) {
            if (const auto data = lookup(record, Target::Data))
                e.data = jsonText(Target::Data, *data);
        } else {
            e.data = remainingFields(dom::object(record));
        }
        // Our envelope carries binary payloads base64-encoded beside their decoded view.
        if (mapping.name == QLatin1String("envelope")) {
            if (const auto raw = lookupPath(record, "dataBase64"); raw && raw->is_string()) {
                const std::string_view text(*raw);
                auto decoded = QByteArray::fromBase64Encoding(QByteArray(text.data(), qsizetype(text.size())),
                                                              QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded)
                    return out.error = QStringLiteral("field 'dataBase64' is not valid base64"), out;
                e.rawData = *decoded;
            }
        }

        if (const auto metadata = lookup(record, Target::Metadata)) {
            if (metadata->is_object()) {
                e.metadata = jsonText(Target::Metadata, *metadata);
                // KurrentDB keeps causation and correlation in metadata.
                auto fromMetadata = [&](QString& target, std::initializer_list<std::string_view> keys) {
                    if (!target.isEmpty())
                        return;
                    for (const auto key : keys) {
                        dom::element v;
                        if (metadata->at_key(key).get(v) == simdjson::SUCCESS) {
                            if (auto text = scalarText(v)) {
                                target = *text;
                                return;
                            }
                        }
                    }
                };
                fromMetadata(e.causationId, {"$causationId", "causationId", "causation_id"});
                fromMetadata(e.correlationId, {"$correlationId", "correlationId", "correlation_id"});
            } else {
                out.warnings << QStringLiteral("field '%1' (metadata) is %2, not an object; ignored")
                                    .arg(QString::fromStdString(path(Target::Metadata)),
                                         QLatin1String(describeType(*metadata)));
            }
        }
        out.event = std::move(e);
        return out;
    }
};

JsonRecordMapper::JsonRecordMapper(const ReadOptions& options) : d(std::make_unique<Impl>())
{
    d->options = options;
}

JsonRecordMapper::~JsonRecordMapper() = default;

QString JsonRecordMapper::mappingNote() const
{
    return d->note;
}

JsonRecordMapper::Outcome JsonRecordMapper::map(std::string_view jsonText)
{
    Outcome out;
    if (d->mode == Impl::Mode::Failed) {
        out.error = d->fatalError;
        out.fatal = true;
        return out;
    }
    dom::element record;
    const auto code = d->parser.parse(jsonText.data(), jsonText.size(), true).get(record);
    if (code != simdjson::SUCCESS) {
        const auto syntax = describeSyntaxError(code, jsonText);
        out.error = syntax.reason;
        out.errorColumn = syntax.column;
        return out;
    }
    if (!record.is_object()) {
        out.error =
            QStringLiteral("record is %1, not a JSON object").arg(QLatin1String(describeType(record)));
        return out;
    }
    if (d->mode == Impl::Mode::Undecided) {
        d->decide(dom::object(record));
        if (d->mode == Impl::Mode::Failed) {
            out.error = d->fatalError;
            out.fatal = true;
            return out;
        }
    }
    if (d->mode == Impl::Mode::CloudEvents) {
        auto result = cloudEventFromJson(record, jsonText, d->options);
        out.error = result.error;
        out.warnings = result.warnings;
        out.event = std::move(result.event);
        return out;
    }
    d->currentText = jsonText;
    return d->mapWithMapping(record);
}

} // namespace eventscope::importers
