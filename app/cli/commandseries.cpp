// `series`: the values of state expressions over time, in one forward pass.
#include "replay/stateexpression.h"
#include "replaycli.h"
#include "timeformat.h"

#include <QRegularExpression>

namespace eventscope::cli {
namespace {

// "1d", "6h", "30m", "45s", "1w" -> microseconds; 0 when malformed.
qint64 periodMicros(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)([smhdw])$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return 0;
    const qint64 n = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 second = 1000000;
    const qint64 unitMicros = unit == QLatin1Char('s')   ? second
                              : unit == QLatin1Char('m') ? 60 * second
                              : unit == QLatin1Char('h') ? 3600 * second
                              : unit == QLatin1Char('d') ? 86400 * second
                                                         : 7 * 86400 * second;
    return n * unitMicros;
}

struct SamplePoint
{
    qint64 position = 0;
    std::optional<qint64> periodStartUs; // --every: the period this point closes
};

} // namespace

int runSeries(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addReplayOptions(parser);
    parser.addOption(
        {QStringLiteral("expr"),
         QStringLiteral("An expression over the state bound to s, e.g. s.stock['sku-7'] (repeatable)."),
         QStringLiteral("EXPR")});
    parser.addOption({QStringLiteral("stream"),
                      QStringLiteral("Evaluate over this partition's state instead of the whole state."),
                      QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("every"),
         QStringLiteral("One point at the end of each period (UTC-aligned): 30s, 15m, 6h, 1d, 1w."),
         QStringLiteral("PERIOD")});
    parser.addOption({QStringLiteral("samples"),
                      QStringLiteral("N points evenly spaced over the log's positions (default 100)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("changes"), QStringLiteral("One point at every event that changes a value.")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli series WORKSPACE --expr EXPR... "
                       "[--every 1d | --samples N | --changes] [--projection FILE.js|builtin] "
                       "[--stream S]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    const int modes = int(parser.isSet(QStringLiteral("every"))) +
                      int(parser.isSet(QStringLiteral("samples"))) +
                      int(parser.isSet(QStringLiteral("changes")));
    const qint64 period = periodMicros(parser.value(QStringLiteral("every")));
    bool samplesOk = true;
    const qint64 samples = parser.isSet(QStringLiteral("samples"))
                               ? parser.value(QStringLiteral("samples")).toLongLong(&samplesOk)
                               : 100;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (parser.values(QStringLiteral("expr")).isEmpty())
        error = QStringLiteral("at least one --expr is needed");
    else if (modes > 1)
        error = QStringLiteral("--every, --samples and --changes cannot be combined");
    else if (parser.isSet(QStringLiteral("every")) && period <= 0)
        error = QStringLiteral("--every takes a period such as 30s, 15m, 6h, 1d or 1w");
    else if (!samplesOk || samples < 1)
        error = QStringLiteral("--samples takes a positive integer");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error)) {
        err() << "eventscope-cli series: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    return withReplay(QStringLiteral("series"), parser.positionalArguments().first(), spec,
                      [&](replay::ReplaySetup& setup, replay::ReplayEngine& engine) {
                          std::vector<std::unique_ptr<replay::StateExpression>> expressions;
                          std::vector<replay::ReplayEngine::Evaluator> evaluators;
                          const std::string stream = parser.value(QStringLiteral("stream")).toStdString();
                          for (const QString& source : parser.values(QStringLiteral("expr"))) {
                              expressions.push_back(std::make_unique<replay::StateExpression>(
                                  source, int(spec.scriptTimeLimit.count())));
                              replay::StateExpression* expression = expressions.back().get();
                              evaluators.push_back([expression, stream](const json::Value& whole) {
                                  return expression->evaluate(stream.empty() ? whole : whole[stream]);
                              });
                          }
                          const qint64 count = engine.store().count();
                          json::Value points = json::Value::array();
                          auto addPoint = [&](qint64 position, const std::vector<json::Value>& values,
                                              std::optional<qint64> periodStart) {
                              json::Value point = json::Value::object();
                              if (periodStart)
                                  point.insert("period", formatTimestamp(*periodStart));
                              insertPositionAndTime(point, engine, position);
                              json::Value row = json::Value::array();
                              for (const json::Value& v : values)
                                  row.append(v);
                              point.insert("values", std::move(row));
                              points.append(std::move(point));
                          };
                          if (parser.isSet(QStringLiteral("changes"))) {
                              for (const auto& change : engine.seriesOfChanges(evaluators, 1, count))
                                  addPoint(change.position, change.values, std::nullopt);
                          } else {
                              std::vector<SamplePoint> at;
                              if (period > 0) {
                                  if (const auto range = engine.store().timeRange()) {
                                      // Periods aligned to the epoch in UTC, so 1d means calendar days.
                                      const qint64 firstStart =
                                          range->firstUs - ((range->firstUs % period) + period) % period;
                                      for (qint64 start = firstStart; start <= range->lastUs; start += period)
                                          at.push_back({engine.positionAtTime(start + period - 1), start});
                                  }
                              } else {
                                  const qint64 n = std::min(samples, std::max<qint64>(count, 1));
                                  for (qint64 i = 1; i <= n; ++i)
                                      at.push_back({count * i / n, std::nullopt});
                              }
                              std::vector<qint64> positions;
                              for (const SamplePoint& p : at)
                                  positions.push_back(p.position);
                              const auto rows = engine.series(evaluators, positions);
                              for (size_t i = 0; i < rows.size(); ++i)
                                  addPoint(at[i].position, rows[i], at[i].periodStartUs);
                          }
                          json::Value report = json::Value::object();
                          report.insert("projection", setup.projectionName());
                          if (!stream.empty())
                              report.insert("stream", std::string_view(stream));
                          json::Value sources = json::Value::array();
                          for (const auto& expression : expressions)
                              sources.append(expression->source());
                          report.insert("expressions", std::move(sources));
                          report.insert("points", std::move(points));
                          printJson(report);
                          return int(ExitOk);
                      });
}

} // namespace eventscope::cli
