#include "draftjson.h"

#include "timeformat.h"

#include <QSet>

namespace eventscope::compensation {
namespace {

json::Value parsedOr(const QByteArray& text, json::Value fallback)
{
    if (auto value = json::parse(text))
        return *value;
    return fallback;
}

// 1-based line and column of a byte offset in `text`.
std::pair<int, int> placeOf(const QByteArray& text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < std::min(offset, text.size()); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((uchar(text.at(i)) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

json::Value draftToJson(const Draft& draft)
{
    json::Value out = json::Value::object();
    out.insert("id", draft.id);
    out.insert("status", statusName(draft.status));
    out.insert("eventId", draft.eventId);
    out.insert("stream", draft.stream);
    out.insert("type", draft.type);
    out.insert("data", parsedOr(draft.data, json::Value::object()));
    out.insert("metadata", parsedOr(draft.metadata(), json::Value::object()));
    out.insert("expectedVersion", draft.expectedVersion);
    if (!draft.causationId.isEmpty())
        out.insert("causationId", draft.causationId);
    if (!draft.correlationId.isEmpty())
        out.insert("correlationId", draft.correlationId);
    out.insert("reason", draft.reason);
    out.insert("author", draft.author);
    out.insert("createdAt", formatTimestamp(draft.createdUs));
    out.insert("origin", draft.origin.isEmpty() ? QStringLiteral("manual") : draft.origin);
    if (draft.originPosition > 0) {
        json::Value compensates = json::Value::object();
        compensates.insert("position", draft.originPosition);
        compensates.insert("type", draft.originType);
        compensates.insert("id", draft.causationId);
        out.insert("compensates", std::move(compensates));
    }
    if (!draft.conflict.isEmpty())
        out.insert("conflict", draft.conflict);
    return out;
}

json::Value auditToJson(const DraftAuditEntry& entry)
{
    json::Value out = json::Value::object();
    out.insert("draft", entry.draftId);
    out.insert("at", formatTimestamp(entry.atUs));
    out.insert("author", entry.author);
    out.insert("action", entry.action);
    if (!entry.detail.isEmpty())
        out.insert("detail", entry.detail);
    return out;
}

QByteArray editableDraftText(const Draft& draft)
{
    json::Value out = json::Value::object();
    out.insert("stream", draft.stream);
    out.insert("type", draft.type);
    out.insert("data", parsedOr(draft.data, json::Value::object()));
    out.insert("metadata", parsedOr(draft.extraMetadata, json::Value::object()));
    out.insert("reason", draft.reason);
    return json::toJson(out, json::Format::Indented);
}

std::vector<DraftTextProblem> applyEditedDraftText(Draft& draft, const QByteArray& text,
                                                   const QStringList& expectedFields)
{
    std::vector<DraftTextProblem> problems;
    QString error;
    const auto parsed = json::parse(text, &error);
    if (!parsed) {
        // The parser says "... at offset N".
        const qsizetype at = error.lastIndexOf(QLatin1String("offset "));
        int line = 0;
        int column = 0;
        if (at >= 0) {
            bool ok = false;
            const qsizetype offset = error.mid(at + 7).toLongLong(&ok);
            if (ok)
                std::tie(line, column) = placeOf(text, offset);
        }
        problems.push_back({QStringLiteral("not well-formed JSON: %1").arg(error), line, column});
        return problems;
    }
    if (!parsed->isObject()) {
        problems.push_back(
            {QStringLiteral("a draft is a JSON object {stream, type, data, metadata, reason}"), 1, 1});
        return problems;
    }
    const json::Value& d = *parsed;
    static const QSet<QString> known = {QStringLiteral("stream"), QStringLiteral("type"),
                                        QStringLiteral("data"), QStringLiteral("metadata"),
                                        QStringLiteral("reason")};
    for (std::size_t i = 0; i < d.size(); ++i) {
        const QString key = QString::fromUtf8(d.keyAt(i).data(), qsizetype(d.keyAt(i).size()));
        if (!known.contains(key))
            problems.push_back(
                {QStringLiteral("unknown member \"%1\" (a draft has stream, type, data, metadata "
                                "and reason)")
                     .arg(key)});
    }
    if (!d["stream"].isString() || d["stream"].toQString().trimmed().isEmpty())
        problems.push_back({QStringLiteral("\"stream\" must be a non-empty string")});
    if (!d["type"].isString() || d["type"].toQString().trimmed().isEmpty())
        problems.push_back({QStringLiteral("\"type\" must be a non-empty string")});
    if (!d["data"].isObject())
        problems.push_back({QStringLiteral("\"data\" must be a JSON object")});
    if (d.find("metadata") && !d["metadata"].isObject())
        problems.push_back({QStringLiteral("\"metadata\" must be a JSON object")});
    if (d.find("reason") && !d["reason"].isString())
        problems.push_back({QStringLiteral("\"reason\" must be a string")});
    if (d["data"].isObject()) {
        for (const QString& field : expectedFields) {
            const QByteArray key = field.toUtf8();
            if (!d["data"].find(std::string_view(key.constData(), std::size_t(key.size()))))
                problems.push_back({QStringLiteral("data lacks \"%1\", which the other %2 drafts have")
                                        .arg(field, d["type"].toQString())});
        }
    }
    if (!problems.empty())
        return problems;
    draft.stream = d["stream"].toQString();
    draft.type = d["type"].toQString();
    draft.data = json::toJson(d["data"]);
    draft.extraMetadata = d.find("metadata") ? json::toJson(d["metadata"]) : QByteArrayLiteral("{}");
    draft.reason = d["reason"].toQString();
    return problems;
}

QStringList expectedDataFields(const std::vector<Draft>& drafts, const QString& type, qint64 exceptId)
{
    std::optional<QStringList> common;
    for (const Draft& d : drafts) {
        if (d.type != type || (exceptId > 0 && d.id == exceptId))
            continue;
        const auto data = json::parse(d.data);
        if (!data || !data->isObject())
            continue;
        QStringList keys;
        for (std::size_t i = 0; i < data->size(); ++i)
            keys << QString::fromUtf8(data->keyAt(i).data(), qsizetype(data->keyAt(i).size()));
        if (!common)
            common = keys;
        else
            common->removeIf([&](const QString& key) { return !keys.contains(key); });
    }
    return common.value_or(QStringList());
}

} // namespace eventscope::compensation
