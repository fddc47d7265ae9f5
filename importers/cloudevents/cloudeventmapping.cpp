#include "cloudeventmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace eventscope::importers {
namespace {

const QString metadataExtension = QStringLiteral("esmetadata");

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

bool isJsonContentType(const QString& contentType)
{
    if (contentType.isEmpty())
        return true;
    const QString base = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return base == QLatin1String("application/json") || base == QLatin1String("text/json") ||
           base.endsWith(QLatin1String("+json"));
}

QString cloudEventAttributeNameError(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("empty attribute name");
    for (const QChar c : name) {
        if (!((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
              (c >= QLatin1Char('0') && c <= QLatin1Char('9'))))
            return QStringLiteral("attribute name '%1' must use only lower-case letters a-z and digits 0-9")
                .arg(name);
    }
    return {};
}

QString cloudEventAttributeNameWarning(const QString& name)
{
    if (name.size() > 20)
        return QStringLiteral("attribute name '%1' is longer than 20 characters").arg(name);
    return {};
}

std::optional<Event> cloudEventToEvent(const CloudEventRecord& r, const ReadOptions& options, QString& error,
                                       QStringList& warnings)
{
    QStringList missing;
    if (r.id.isEmpty())
        missing << QStringLiteral("id");
    if (r.source.isEmpty())
        missing << QStringLiteral("source");
    if (r.specVersion.isEmpty())
        missing << QStringLiteral("specversion");
    if (r.type.isEmpty())
        missing << QStringLiteral("type");
    if (!missing.isEmpty()) {
        error = QStringLiteral("CloudEvent without required attribute%1 %2")
                    .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
                         missing.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (r.specVersion != QLatin1String("1.0") && r.specVersion != QLatin1String("0.3")) {
        error = QStringLiteral("unsupported specversion '%1' (1.0 and 0.3 are read)").arg(r.specVersion);
        return std::nullopt;
    }

    Event e;
    e.id = r.id;
    e.type = r.type;
    const bool streamFromSource = options.cloudEventsStreamFrom == QLatin1String("source");
    e.stream = (!streamFromSource && !r.subject.isEmpty()) ? r.subject : r.source;
    if (r.timeUs) {
        e.timeUs = *r.timeUs;
    } else {
        warnings << QStringLiteral("no time attribute; the event is placed at the Unix epoch");
    }
    e.contentType = r.dataContentType;

    QJsonObject attributes;
    attributes.insert(QStringLiteral("specversion"), r.specVersion);
    attributes.insert(QStringLiteral("source"), r.source);
    if (!r.subject.isEmpty())
        attributes.insert(QStringLiteral("subject"), r.subject);
    if (!r.dataSchema.isEmpty())
        attributes.insert(QStringLiteral("dataschema"), r.dataSchema);
    std::optional<QByteArray> exportedMetadata;
    for (const auto& [name, value] : r.extensions) {
        if (name == QLatin1String("causationid") && value.isString()) {
            e.causationId = value.toString();
        } else if (name == QLatin1String("correlationid") && value.isString()) {
            e.correlationId = value.toString();
        } else if (name == QLatin1String("streamversion") && (value.isDouble() || value.isString())) {
            bool ok = value.isDouble();
            const qint64 version = ok ? qint64(value.toDouble()) : value.toString().toLongLong(&ok);
            if (ok && version >= 0)
                e.streamVersion = version;
            else
                warnings << QStringLiteral("extension streamversion is not a non-negative integer; ignored");
        } else if (name == QLatin1String("schemaversion") && value.isDouble()) {
            e.schemaVersion = value.toInt();
        } else if (name == metadataExtension && value.isString()) {
            // Kept as written: re-serialising would reorder its keys.
            const QByteArray text = value.toString().toUtf8();
            if (QJsonDocument::fromJson(text).isObject()) {
                exportedMetadata = text;
            } else {
                warnings << QStringLiteral("extension esmetadata is not a JSON object; kept as an attribute");
                attributes.insert(name, value);
            }
        } else {
            attributes.insert(name, value);
        }
    }
    e.metadata = exportedMetadata ? *exportedMetadata : compactJson(attributes);

    switch (r.dataKind) {
    case CloudEventRecord::DataKind::None:
        break;
    case CloudEventRecord::DataKind::Json:
        e.data = r.data;
        break;
    case CloudEventRecord::DataKind::Text:
        // A text payload becomes a JSON string, so that every payload is JSON to queries.
        e.data = QJsonDocument(QJsonObject{{QStringLiteral("v"), QString::fromUtf8(r.data)}})
                     .toJson(QJsonDocument::Compact)
                     .mid(5)
                     .chopped(1);
        break;
    case CloudEventRecord::DataKind::Binary:
        e.rawData = r.data;
        if (isJsonContentType(r.dataContentType) && !r.dataContentType.isEmpty()) {
            QJsonParseError parseError;
            const auto doc = QJsonDocument::fromJson(r.data, &parseError);
            if (parseError.error == QJsonParseError::NoError) {
                e.data = doc.toJson(QJsonDocument::Compact);
                e.rawData.clear();
            }
        }
        break;
    }
    return e;
}

CloudEventRecord eventToCloudEvent(const Event& e)
{
    CloudEventRecord r;
    r.id = e.id;
    r.type = e.type;
    r.specVersion = QStringLiteral("1.0");
    r.timeUs = e.timeUs;
    r.subject = e.stream;
    const auto metadata = QJsonDocument::fromJson(e.metadata).object();
    const QString metadataSource = metadata.value(QStringLiteral("source")).toString();
    r.source = !metadataSource.isEmpty() ? metadataSource
                                         : (e.source.isEmpty() ? QStringLiteral("eventscope") : e.source);
    r.dataContentType = e.contentType;
    if (!e.causationId.isEmpty())
        r.extensions.emplace_back(QStringLiteral("causationid"), e.causationId);
    if (!e.correlationId.isEmpty())
        r.extensions.emplace_back(QStringLiteral("correlationid"), e.correlationId);
    if (e.streamVersion >= 0) {
        // CloudEvents integers are 32-bit; larger versions travel as strings.
        if (e.streamVersion <= std::numeric_limits<qint32>::max())
            r.extensions.emplace_back(QStringLiteral("streamversion"), double(e.streamVersion));
        else
            r.extensions.emplace_back(QStringLiteral("streamversion"), QString::number(e.streamVersion));
    }
    r.extensions.emplace_back(QStringLiteral("schemaversion"), double(e.schemaVersion));
    r.extensions.emplace_back(metadataExtension,
                              QString::fromUtf8(e.metadata.isEmpty() ? QByteArrayLiteral("{}") : e.metadata));
    if (!e.rawData.isEmpty()) {
        r.dataKind = CloudEventRecord::DataKind::Binary;
        r.data = e.rawData;
    } else if (!e.data.isEmpty()) {
        // A text payload (stored as a JSON string) travels as text, so that it reads back the same.
        const QJsonValue text = e.data.startsWith('"') && !isJsonContentType(e.contentType)
                                    ? QJsonDocument::fromJson("[" + e.data + "]").array().first()
                                    : QJsonValue();
        if (text.isString()) {
            r.dataKind = CloudEventRecord::DataKind::Text;
            r.data = text.toString().toUtf8();
        } else {
            r.dataKind = CloudEventRecord::DataKind::Json;
            r.data = e.data; // no datacontenttype means application/json in CloudEvents
        }
    }
    return r;
}

} // namespace eventscope::importers
