#include "replaycli.h"

#include "attachedstore.h"
#include "jsonlines/envelopejson.h"
#include "sqlite/database.h"
#include "timeformat.h"
#include "workspace.h"

#include <cstdio>

namespace eventscope::cli {

void addReplayOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("projection"),
         QStringLiteral("The projection: builtin (default; per-stream merged state) or a .js file "
                        "in the KurrentDB projection style."),
         QStringLiteral("builtin|FILE.js"), QStringLiteral("builtin")});
    parser.addOption(
        {QStringLiteral("upcasters"),
         QStringLiteral("A .js file of upcast(type, version, fn) declarations, applied before the "
                        "projection (repeatable)."),
         QStringLiteral("FILE.js")});
    parser.addOption({QStringLiteral("time-limit"),
                      QStringLiteral("Stop a script that runs longer than this per request (default 2000)."),
                      QStringLiteral("MS"), QStringLiteral("2000")});
}

bool replaySpecFromOptions(const QCommandLineParser& parser, replay::ReplaySpec& spec, QString& error)
{
    spec.projection = parser.value(QStringLiteral("projection"));
    spec.upcasterScripts = parser.values(QStringLiteral("upcasters"));
    bool ok = false;
    const int limit = parser.value(QStringLiteral("time-limit")).toInt(&ok);
    if (!ok || limit <= 0) {
        error = QStringLiteral("--time-limit takes a positive number of milliseconds");
        return false;
    }
    spec.scriptTimeLimit = std::chrono::milliseconds(limit);
    return true;
}

std::optional<qint64> positionFromText(replay::ReplayEngine& engine, const QString& text, QString& error)
{
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (isNumber) {
        const qint64 count = engine.store().count();
        if (n < 0 || n > count) {
            error = QStringLiteral("position %1 is outside 0..%2").arg(text).arg(count);
            return std::nullopt;
        }
        return n;
    }
    const auto time = parseTimestamp(text);
    if (!time) {
        error = QStringLiteral("'%1' is neither a position nor an RFC 3339 time").arg(text);
        return std::nullopt;
    }
    return engine.positionAtTime(*time);
}

void insertPositionAndTime(json::Value& report, replay::ReplayEngine& engine, qint64 position,
                           std::string_view positionKey, std::string_view timeKey)
{
    report.insert(positionKey, position);
    const auto time = engine.store().timeAtPosition(position);
    report.insert(timeKey, time ? json::Value(formatTimestamp(*time)) : json::Value());
}

json::Value envelopeJson(const Event& event)
{
    std::string text;
    importers::appendEnvelopeJson(text, event);
    auto value = json::parse(text);
    return value ? *value : json::Value();
}

void printJson(const json::Value& report)
{
    QByteArray text = json::toJson(report, json::Format::Indented);
    text += '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

int reportingFailures(const QString& command, const std::function<int()>& body)
{
    try {
        return body();
    } catch (const replay::ProjectionError& error) {
        err() << "eventscope-cli " << command << ": " << error.toString() << Qt::endl;
    } catch (const WorkspaceError& error) {
        err() << "eventscope-cli " << command << ": " << error.message() << Qt::endl;
    } catch (const sqlite::Error& error) {
        err() << "eventscope-cli " << command << ": " << error.message() << Qt::endl;
    }
    return ExitFailure;
}

int withReplay(const QString& command, const QString& workspacePath, const replay::ReplaySpec& spec,
               const std::function<int(replay::ReplaySetup&, replay::ReplayEngine&)>& body)
{
    return reportingFailures(command, [&] {
        Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        replay::ReplaySetup setup(spec);
        replay::ReplayEngine engine(store, setup.projection(), setup.upcaster());
        return body(setup, engine);
    });
}

} // namespace eventscope::cli
