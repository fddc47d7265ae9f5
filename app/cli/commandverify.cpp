// `verify`: the first violation of each invariant a script declares, scanning the log once.
#include "replaycli.h"

namespace eventscope::cli {
namespace {

json::Value violationJson(const replay::Violation& v)
{
    json::Value entry = json::Value::object();
    entry.insert("name", v.check);
    entry.insert(v.kind == replay::Check::Kind::Invariant ? "holds" : "hit",
                 v.kind != replay::Check::Kind::Invariant);
    entry.insert("position", v.event.position);
    if (!v.partition.isEmpty())
        entry.insert("partition", v.partition);
    entry.insert("event", envelopeJson(v.event));
    entry.insert("before", v.before);
    entry.insert("after", v.after);
    return entry;
}

} // namespace

int runVerify(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addReplayOptions(parser);
    parser.addOption(
        {QStringLiteral("invariants"),
         QStringLiteral("A .js file declaring invariant(name, state => bool) and breakpoint(name, "
                        "(event, state) => bool); it may declare its own projection."),
         QStringLiteral("FILE.js")});
    parser.addOption({QStringLiteral("from"), QStringLiteral("Scan from this position (default 1)."),
                      QStringLiteral("POSITION")});
    const QString usage = QStringLiteral("usage: eventscope-cli verify WORKSPACE --invariants FILE.js "
                                         "[--projection FILE.js|builtin] [--from POSITION]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (!parser.isSet(QStringLiteral("invariants")))
        error = QStringLiteral("--invariants is needed");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error)) {
        err() << "eventscope-cli verify: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    spec.checksScript = parser.value(QStringLiteral("invariants"));
    return withReplay(
        QStringLiteral("verify"), parser.positionalArguments().first(), spec,
        [&](replay::ReplaySetup& setup, replay::ReplayEngine& engine) {
            qint64 from = 1;
            if (parser.isSet(QStringLiteral("from"))) {
                QString positionError;
                const auto p = positionFromText(engine, parser.value(QStringLiteral("from")), positionError);
                if (!p) {
                    err() << "eventscope-cli verify: " << positionError << Qt::endl;
                    return int(ExitUsage);
                }
                from = std::max<qint64>(*p, 1);
            }
            // One scan: a check that fired leaves the active set, and the scan goes on from
            // the same event for the others.
            replay::Checks& all = setup.checks();
            std::vector<QString> order;
            for (const auto& check : all)
                order.push_back(check->name());
            replay::Checks active = std::move(all);
            std::map<QString, replay::Violation> found;
            std::map<QString, replay::Check::Kind> kinds;
            for (const auto& check : active)
                kinds[check->name()] = check->kind();
            while (!active.empty()) {
                auto violation = engine.firstViolation(active, from);
                if (!violation)
                    break;
                from = violation->event.position;
                std::erase_if(active, [&](const auto& c) { return c->name() == violation->check; });
                found.emplace(violation->check, std::move(*violation));
            }
            json::Value report = json::Value::object();
            report.insert("projection", setup.projectionName());
            report.insert("events", engine.store().count());
            json::Value invariants = json::Value::array();
            json::Value breakpoints = json::Value::array();
            bool violated = false;
            for (const QString& name : order) {
                const bool isInvariant = kinds[name] == replay::Check::Kind::Invariant;
                auto it = found.find(name);
                json::Value entry;
                if (it != found.end()) {
                    entry = violationJson(it->second);
                    violated = violated || isInvariant;
                } else {
                    entry = json::Value::object();
                    entry.insert("name", name);
                    entry.insert(isInvariant ? "holds" : "hit", isInvariant);
                }
                (isInvariant ? invariants : breakpoints).append(std::move(entry));
            }
            report.insert("invariants", std::move(invariants));
            report.insert("breakpoints", std::move(breakpoints));
            printJson(report);
            return int(violated ? ExitRejected : ExitOk);
        });
}

} // namespace eventscope::cli
