#include "envelopemessage.h"

#include "jsoncheck.h"

#include <QStringList>

#include <string>

namespace eventscope::importers::protobuf {
namespace {

QString fromStd(const std::string& text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QByteArray bytesOf(const std::string& text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string toStd(const QString& text)
{
    return text.toUtf8().toStdString();
}

} // namespace

QString eventFromMessage(const eventscope::v1::Event& m, Event& e)
{
    QStringList missing;
    if (m.stream().empty())
        missing << QStringLiteral("stream");
    if (m.type().empty())
        missing << QStringLiteral("type");
    if (!missing.isEmpty())
        return QStringLiteral("envelope without %1").arg(missing.join(QStringLiteral(" and ")));
    e = Event();
    e.stream = fromStd(m.stream());
    e.streamVersion = m.stream_version();
    e.type = fromStd(m.type());
    e.schemaVersion = m.schema_version() == 0 ? 1 : m.schema_version();
    e.timeUs = m.time_us();
    e.id = fromStd(m.id());
    e.causationId = fromStd(m.causation_id());
    e.correlationId = fromStd(m.correlation_id());
    e.data = bytesOf(m.data_json());
    e.rawData = bytesOf(m.data_bytes());
    e.contentType = fromStd(m.content_type());
    e.metadata = bytesOf(m.metadata_json());
    if (!e.data.isEmpty() && !isJsonText(e.data))
        return QStringLiteral("data_json is not valid JSON");
    if (!e.metadata.isEmpty() && !isJsonObjectText(e.metadata))
        return QStringLiteral("metadata_json is not a JSON object");
    return {};
}

void messageFromEvent(const Event& e, eventscope::v1::Event& m)
{
    m.Clear();
    m.set_position(e.position);
    m.set_stream(toStd(e.stream));
    m.set_stream_version(e.streamVersion);
    m.set_type(toStd(e.type));
    m.set_schema_version(e.schemaVersion);
    m.set_time_us(e.timeUs);
    m.set_id(toStd(e.id));
    m.set_causation_id(toStd(e.causationId));
    m.set_correlation_id(toStd(e.correlationId));
    m.set_data_json(e.data.toStdString());
    m.set_data_bytes(e.rawData.toStdString());
    m.set_content_type(toStd(e.contentType));
    m.set_metadata_json(e.metadata.toStdString());
    m.set_source(toStd(e.source));
}

} // namespace eventscope::importers::protobuf
