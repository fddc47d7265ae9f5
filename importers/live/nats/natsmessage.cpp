#include "natsmessage.h"

#include "cloudevents/cloudeventmapping.h"
#include "cloudevents/cloudeventsjson.h"
#include "jsontext.h"
#include "timeformat.h"
#include "json/jsonvalue.h"

#include <simdjson.h>

namespace eventscope::importers::live {
namespace {

const QString noTimeWarning = QStringLiteral("no time attribute; the event is placed at the Unix epoch");

QString header(const NatsMessage& message, QLatin1StringView name)
{
    for (const auto& [key, value] : message.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void appendString(std::string& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    json::appendJsonString(out, std::string_view(utf8.constData(), size_t(utf8.size())));
}

// Adds "nats_subject" and "nats_headers" (the headers not already mapped) to a metadata object.
QByteArray withNatsMetadata(const QByteArray& metadata, const NatsMessage& message, bool cloudEvent)
{
    std::string members = "\"nats_subject\":";
    appendString(members, message.subject);
    std::string headers;
    for (const auto& [key, value] : message.headers) {
        const QString lower = key.toLower();
        if (cloudEvent && (lower.startsWith(QLatin1String("ce-")) || lower == QLatin1String("content-type")))
            continue;
        headers += headers.empty() ? "" : ",";
        appendString(headers, key);
        headers += ':';
        appendString(headers, value);
    }
    if (!headers.empty())
        members += ",\"nats_headers\":{" + headers + '}';
    const QByteArray trimmed = metadata.trimmed();
    if (trimmed.isEmpty() || trimmed == "{}")
        return QByteArray::fromStdString('{' + members + '}');
    return "{" + QByteArray::fromStdString(members) + ',' + trimmed.mid(1);
}

// CloudEvents' binary mode: attributes in ce-* headers.
CloudEventRecord binaryCloudEvent(const NatsMessage& message, QString& error)
{
    CloudEventRecord r;
    for (const auto& [key, value] : message.headers) {
        const QString lower = key.toLower();
        if (!lower.startsWith(QLatin1String("ce-")))
            continue;
        const QString name = lower.mid(3);
        if (name == QLatin1String("id"))
            r.id = value;
        else if (name == QLatin1String("source"))
            r.source = value;
        else if (name == QLatin1String("specversion"))
            r.specVersion = value;
        else if (name == QLatin1String("type"))
            r.type = value;
        else if (name == QLatin1String("subject"))
            r.subject = value;
        else if (name == QLatin1String("dataschema"))
            r.dataSchema = value;
        else if (name == QLatin1String("time")) {
            r.timeUs = parseTimestamp(value);
            if (!r.timeUs)
                error = QStringLiteral("header ce-time '%1' is not an RFC 3339 time").arg(value);
        } else
            r.extensions.emplace_back(name, QJsonValue(value));
    }
    r.dataContentType = header(message, QLatin1StringView("content-type"));
    if (!message.data.isEmpty()) {
        r.data = message.data;
        r.dataKind = isJsonContentType(r.dataContentType) ? CloudEventRecord::DataKind::Json
                                                          : CloudEventRecord::DataKind::Binary;
        if (r.dataKind == CloudEventRecord::DataKind::Json) {
            if (const QString problem = jsonProblem(message.data); !problem.isEmpty() && error.isEmpty())
                error = QStringLiteral("data is not JSON: ") + problem;
        }
    }
    return r;
}

} // namespace

NatsMapping::Result NatsMapping::convert(const NatsMessage& message) const
{
    Result result;
    Event& e = result.event;
    QStringList warnings;
    const QString contentType = header(message, QLatin1StringView("content-type")).toLower();
    const bool structured = contentType.startsWith(QLatin1String("application/cloudevents+json"));
    const bool binary = !structured && !header(message, QLatin1StringView("ce-specversion")).isEmpty();
    if (structured) {
        thread_local simdjson::dom::parser parser;
        simdjson::dom::element root;
        if (parser.parse(message.data.constData(), size_t(message.data.size())).get(root) !=
                simdjson::SUCCESS ||
            root.type() != simdjson::dom::element_type::OBJECT) {
            result.error = QStringLiteral("a structured CloudEvent that is not a JSON object: ") +
                           jsonProblem(message.data, JsonExpect::Object);
            return result;
        }
        auto ce = cloudEventFromJson(
            root, std::string_view(message.data.constData(), size_t(message.data.size())), ReadOptions());
        if (!ce.event) {
            result.error = ce.error;
            return result;
        }
        e = std::move(*ce.event);
        warnings = ce.warnings;
    } else if (binary) {
        auto record = binaryCloudEvent(message, result.error);
        if (!result.error.isEmpty())
            return result;
        QString error;
        auto mapped = cloudEventToEvent(record, ReadOptions(), error, warnings);
        if (!mapped) {
            result.error = QStringLiteral("binary-mode CloudEvent: ") + error;
            return result;
        }
        e = std::move(*mapped);
    } else {
        if (const QString problem = jsonProblem(message.data); !problem.isEmpty()) {
            result.error = QStringLiteral("payload is not JSON: ") + problem;
            return result;
        }
        e.data = message.data;
        e.type = header(message, QLatin1StringView("type"));
        if (e.type.isEmpty())
            e.type = message.subject.section(QLatin1Char('.'), -1);
        e.id = header(message, QLatin1StringView("Nats-Msg-Id"));
        if (e.id.isEmpty())
            e.id = jetStream + QLatin1Char(':') + QString::number(message.sequence);
        e.stream = message.subject;
        e.timeUs = message.timeUs;
    }
    if (warnings.removeAll(noTimeWarning) > 0)
        e.timeUs = message.timeUs; // JetStream's own time is better than none
    if (pattern) {
        const auto stream = pattern->streamOf(message.subject);
        if (!stream) {
            result.error = QStringLiteral("subject %1 does not match subject_stream=%2")
                               .arg(message.subject, pattern->text());
            return result;
        }
        e.stream = *stream;
    }
    e.metadata = withNatsMetadata(e.metadata, message, structured || binary);
    result.warning = warnings.join(QStringLiteral("; "));
    return result;
}

} // namespace eventscope::importers::live
