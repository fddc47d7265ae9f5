#include "draft.h"

#include "timeformat.h"
#include "json/jsonvalue.h"

#include <QHash>
#include <QStringList>
#include <QUuid>

namespace eventscope::compensation {

QString statusName(DraftStatus status)
{
    switch (status) {
    case DraftStatus::Draft:
        return QStringLiteral("draft");
    case DraftStatus::Exported:
        return QStringLiteral("exported");
    case DraftStatus::Appended:
        return QStringLiteral("appended");
    }
    return {};
}

std::optional<DraftStatus> statusFromName(const QString& name)
{
    for (DraftStatus status : {DraftStatus::Draft, DraftStatus::Exported, DraftStatus::Appended}) {
        if (statusName(status) == name)
            return status;
    }
    return std::nullopt;
}

QByteArray Draft::metadata() const
{
    json::Value meta = json::Value::object();
    if (!extraMetadata.isEmpty()) {
        if (auto extra = json::parse(extraMetadata); extra && extra->isObject())
            meta = *extra;
    }
    if (!causationId.isEmpty())
        meta.insert("causationId", causationId);
    if (!correlationId.isEmpty())
        meta.insert("correlationId", correlationId);
    if (!reason.isEmpty())
        meta.insert("reason", reason);
    if (!author.isEmpty())
        meta.insert("author", author);
    meta.insert("draftedAt", formatTimestamp(createdUs));
    if (!causationId.isEmpty()) {
        json::Value compensates = json::Value::object();
        compensates.insert("id", causationId);
        if (!originType.isEmpty())
            compensates.insert("type", originType);
        if (originPosition > 0)
            compensates.insert("position", originPosition);
        meta.insert("compensates", std::move(compensates));
    }
    return json::toJson(meta);
}

Event Draft::toEvent(qint64 timeUs, qint64 streamVersion) const
{
    Event event;
    event.id = eventId;
    event.stream = stream;
    event.streamVersion = streamVersion;
    event.type = type;
    event.timeUs = timeUs;
    event.causationId = causationId;
    event.correlationId = correlationId;
    event.data = data;
    event.contentType = QStringLiteral("application/json");
    event.metadata = metadata();
    event.source = QStringLiteral("drafts");
    return event;
}

std::vector<Event> eventsForDrafts(const std::vector<Draft>& drafts, qint64 timeUs, qint64 firstVersion)
{
    QHash<QString, qint64> next;
    std::vector<Event> events;
    events.reserve(drafts.size());
    for (const Draft& draft : drafts) {
        auto it = next.find(draft.stream);
        if (it == next.end())
            it = next.insert(draft.stream,
                             draft.expectedVersion < 0 ? firstVersion : draft.expectedVersion + 1);
        events.push_back(draft.toEvent(timeUs, it.value()));
        ++it.value();
    }
    return events;
}

QStringList draftProblems(const Draft& draft)
{
    QStringList problems;
    if (draft.stream.trimmed().isEmpty())
        problems << QStringLiteral("the draft has no stream");
    if (draft.type.trimmed().isEmpty())
        problems << QStringLiteral("the draft has no type");
    QString error;
    const auto data = json::parse(draft.data, &error);
    if (!data)
        problems << QStringLiteral("data is not JSON: %1").arg(error);
    else if (!data->isObject())
        problems << QStringLiteral("data must be a JSON object");
    if (!draft.extraMetadata.trimmed().isEmpty()) {
        const auto meta = json::parse(draft.extraMetadata, &error);
        if (!meta)
            problems << QStringLiteral("metadata is not JSON: %1").arg(error);
        else if (!meta->isObject())
            problems << QStringLiteral("metadata must be a JSON object");
    }
    return problems;
}

QString newDraftEventId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString defaultAuthor()
{
    for (const char* name : {"EVENTSCOPE_AUTHOR", "USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

} // namespace eventscope::compensation
