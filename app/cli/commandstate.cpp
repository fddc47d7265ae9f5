// `state` and `diff`: the projection's state at a point of the log, and what changed between two.
#include "replaycli.h"
#include "json/jsondiff.h"

namespace eventscope::cli {
namespace {

// The state to report: the whole presented state, one partition (--stream), then one path in it.
struct StateQuery
{
    QString stream;
    std::optional<json::Path> path;

    json::Value at(replay::ReplayEngine& engine, qint64 position) const
    {
        const json::Value state =
            stream.isEmpty() ? engine.presentedStateAt(position) : engine.partitionAt(stream, position);
        if (!path)
            return state;
        const json::Value* found = json::lookup(state, *path);
        return found ? *found : json::Value();
    }

    void describe(json::Value& report) const
    {
        if (!stream.isEmpty())
            report.insert("stream", stream);
        if (path)
            report.insert("path", json::formatPath(*path));
    }
};

void addQueryOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("stream"),
         QStringLiteral("One partition: for the built-in projection and foreachStream, a stream; for "
                        "partitionBy, a partition key."),
         QStringLiteral("S")});
    parser.addOption({QStringLiteral("path"),
                      QStringLiteral("One value inside the state, e.g. stock[\"sku-7\"].qty."),
                      QStringLiteral("P")});
}

bool queryFromOptions(const QCommandLineParser& parser, StateQuery& query, QString& error)
{
    query.stream = parser.value(QStringLiteral("stream"));
    if (parser.isSet(QStringLiteral("path"))) {
        query.path = json::parsePath(parser.value(QStringLiteral("path")), &error);
        if (!query.path) {
            error = QStringLiteral("--path: ") + error;
            return false;
        }
    }
    return true;
}

} // namespace

int runState(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addReplayOptions(parser);
    addQueryOptions(parser);
    parser.addOption({QStringLiteral("at"),
                      QStringLiteral("After the event at this position (default: the end; 0 = before any)."),
                      QStringLiteral("POSITION")});
    parser.addOption({QStringLiteral("at-time"),
                      QStringLiteral("After the last event at or before this RFC 3339 time."),
                      QStringLiteral("TIME")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli state WORKSPACE [--projection FILE.js|builtin] "
                       "[--at POSITION | --at-time TIME] [--stream S] [--path P]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    StateQuery query;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (parser.isSet(QStringLiteral("at")) && parser.isSet(QStringLiteral("at-time")))
        error = QStringLiteral("--at and --at-time cannot be combined");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error) ||
        !queryFromOptions(parser, query, error)) {
        err() << "eventscope-cli state: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    return withReplay(QStringLiteral("state"), parser.positionalArguments().first(), spec,
                      [&](replay::ReplaySetup& setup, replay::ReplayEngine& engine) {
                          qint64 position = engine.store().count();
                          QString positionError;
                          for (const QString& option : {QStringLiteral("at"), QStringLiteral("at-time")}) {
                              if (!parser.isSet(option))
                                  continue;
                              const auto p = positionFromText(engine, parser.value(option), positionError);
                              if (!p) {
                                  err() << "eventscope-cli state: " << positionError << Qt::endl;
                                  return int(ExitUsage);
                              }
                              position = *p;
                          }
                          json::Value report = json::Value::object();
                          report.insert("projection", setup.projectionName());
                          insertPositionAndTime(report, engine, position);
                          query.describe(report);
                          report.insert("state", query.at(engine, position));
                          printJson(report);
                          return int(ExitOk);
                      });
}

int runDiff(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addReplayOptions(parser);
    addQueryOptions(parser);
    parser.addOption(
        {QStringLiteral("from"), QStringLiteral("Position (or RFC 3339 time) A."), QStringLiteral("A")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("Position (or RFC 3339 time) B."), QStringLiteral("B")});
    const QString usage = QStringLiteral("usage: eventscope-cli diff WORKSPACE --from A --to B "
                                         "[--projection FILE.js|builtin] [--stream S] [--path P]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    StateQuery query;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")))
        error = QStringLiteral("--from and --to are needed");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error) ||
        !queryFromOptions(parser, query, error)) {
        err() << "eventscope-cli diff: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    return withReplay(
        QStringLiteral("diff"), parser.positionalArguments().first(), spec,
        [&](replay::ReplaySetup& setup, replay::ReplayEngine& engine) {
            QString positionError;
            const auto a = positionFromText(engine, parser.value(QStringLiteral("from")), positionError);
            const auto b = a ? positionFromText(engine, parser.value(QStringLiteral("to")), positionError)
                             : std::nullopt;
            if (!a || !b) {
                err() << "eventscope-cli diff: " << positionError << Qt::endl;
                return int(ExitUsage);
            }
            const json::Value before = query.at(engine, *a);
            const json::Value after = query.at(engine, *b);
            json::Value report = json::Value::object();
            report.insert("projection", setup.projectionName());
            insertPositionAndTime(report, engine, *a, "from", "fromTime");
            insertPositionAndTime(report, engine, *b, "to", "toTime");
            query.describe(report);
            std::vector<json::DiffEntry> entries = json::diff(before, after);
            if (query.path) { // paths relative to the partition, as --path was given
                for (json::DiffEntry& entry : entries)
                    entry.path.insert(entry.path.begin(), query.path->begin(), query.path->end());
            }
            const json::Value changes = json::diffToJson(entries);
            for (std::size_t i = 0; i < changes.size(); ++i)
                report.insert(changes.keyAt(i), changes.valueAt(i));
            // "Which events changed it": only for a path, where the answer is short and useful.
            if (query.path && *a < *b) {
                json::Value events = json::Value::array();
                for (qint64 position : engine.positionsChanging(*query.path, query.stream, *a, *b)) {
                    const auto event = engine.store().eventAt(position);
                    json::Value entry = json::Value::object();
                    entry.insert("position", position);
                    entry.insert("stream", event ? event->stream : QString());
                    entry.insert("type", event ? event->type : QString());
                    events.append(std::move(entry));
                }
                report.insert("changedBy", std::move(events));
            }
            printJson(report);
            return int(ExitOk);
        });
}

} // namespace eventscope::cli
