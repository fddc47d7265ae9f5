#include "drafter.h"

#include "compensationrules.h"
#include "eventstore.h"
#include "replay/builtinprojection.h"
#include "reversal.h"

#include <QDateTime>
#include <QHash>

namespace eventscope::compensation {

qint64 Drafter::lastVersion(const QString& stream)
{
    const std::vector<Event> history = m_store.streamHistory(stream);
    return history.empty() ? -1 : history.back().streamVersion;
}

DraftingResult Drafter::draft(const std::vector<Event>& events, const DraftOptions& options)
{
    DraftingResult result;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    const QString author = options.author.isEmpty() ? defaultAuthor() : options.author;
    QHash<QString, qint64> versions;
    const auto versionOf = [&](const QString& stream) {
        auto it = versions.constFind(stream);
        if (it == versions.cend())
            it = versions.insert(stream, lastVersion(stream));
        return it.value();
    };
    replay::BuiltinProjection builtin;
    for (const Event& event : events) {
        Draft base;
        base.causationId = event.id;
        base.correlationId = event.correlationId;
        base.reason = options.reason;
        base.author = author;
        base.createdUs = now;
        base.originPosition = event.position;
        base.originType = event.type;
        if (options.rules && options.rules->handles(event.type)) {
            const std::vector<Event> history = m_store.streamHistory(event.stream);
            const json::Value state = builtin.foldPartition(event.stream, history);
            const std::vector<RuleOutput> outputs = options.rules->compensate(event, state);
            if (outputs.empty())
                result.notes << QStringLiteral("position %1 (%2 on %3): the rule drafted nothing")
                                    .arg(event.position)
                                    .arg(event.type, event.stream);
            for (const RuleOutput& output : outputs) {
                Draft d = base;
                d.stream = output.stream.isEmpty() ? event.stream : output.stream;
                d.type = output.type;
                d.data = output.data;
                d.extraMetadata = output.metadata;
                if (!output.reason.isEmpty())
                    d.reason = output.reason;
                d.origin = QStringLiteral("rule %1").arg(options.rules->name());
                d.expectedVersion = versionOf(d.stream);
                result.drafts.push_back(std::move(d));
            }
            continue;
        }
        if (options.rules)
            result.notes << QStringLiteral("position %1 (%2): no rule for %2 in %3, reversed generically")
                                .arg(event.position)
                                .arg(event.type, options.rules->name());
        Draft d = base;
        d.stream = event.stream;
        d.type = reversedType(event.type);
        d.data = reversedData(event.data);
        d.extraMetadata = reversalMetadata(event);
        d.origin = QStringLiteral("reversal");
        d.expectedVersion = versionOf(d.stream);
        result.drafts.push_back(std::move(d));
    }
    return result;
}

Draft Drafter::byHand(const Event& event, const DraftOptions& options)
{
    Draft d;
    d.stream = event.stream;
    d.type = event.type + QLatin1String("Corrected");
    d.data = event.data.isEmpty() ? QByteArrayLiteral("{}") : event.data;
    d.causationId = event.id;
    d.correlationId = event.correlationId;
    d.reason = options.reason;
    d.author = options.author.isEmpty() ? defaultAuthor() : options.author;
    d.createdUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    d.originPosition = event.position;
    d.originType = event.type;
    d.origin = QStringLiteral("manual");
    d.expectedVersion = lastVersion(event.stream);
    return d;
}

} // namespace eventscope::compensation
