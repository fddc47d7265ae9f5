// `whatif`: the state with the drafts appended, beside the state without them, their diff, and the
// invariants on both ends.
#include "attachedstore.h"
#include "compensation/drafts.h"
#include "compensation/whatif.h"
#include "replaycli.h"
#include "sqlite/database.h"
#include "timeformat.h"
#include "workspace.h"

namespace eventscope::cli {
namespace {

constexpr int listedPartitions = 50; // a report names at most this many violating partitions

json::Value sideJson(const QStringList& violated)
{
    json::Value side = json::Value::object();
    side.insert("holds", violated.isEmpty());
    side.insert("violations", qint64(violated.size()));
    json::Value keys = json::Value::array();
    for (qsizetype i = 0; i < std::min<qsizetype>(violated.size(), listedPartitions); ++i)
        keys.append(violated.at(i));
    if (!violated.isEmpty() && !(violated.size() == 1 && violated.first().isEmpty()))
        side.insert("partitions", std::move(keys));
    return side;
}

json::Value keysJson(const QStringList& keys)
{
    json::Value list = json::Value::array();
    for (const QString& key : keys)
        list.append(key);
    return list;
}

} // namespace

int runWhatIf(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addReplayOptions(parser);
    parser.addOption(
        {QStringLiteral("invariants"),
         QStringLiteral("Invariants to check on the actual and the corrected state (a .js file; it "
                        "may declare its own projection)."),
         QStringLiteral("FILE.js")});
    parser.addOption({QStringLiteral("stream"),
                      QStringLiteral("Compare one stream (or partition key) instead of the whole state."),
                      QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("id"),
         QStringLiteral("Only these drafts (repeatable; default: every draft not yet appended)."),
         QStringLiteral("N")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli whatif WORKSPACE [--projection FILE.js|builtin] "
                       "[--invariants FILE.js] [--stream S] [--id N]...");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    replay::ReplaySpec spec;
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    if (!error.isEmpty() || !replaySpecFromOptions(parser, spec, error)) {
        err() << "eventscope-cli whatif: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    spec.checksScript = parser.value(QStringLiteral("invariants"));
    return reportingFailures(QStringLiteral("whatif"), [&]() -> int {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        compensation::Drafts drafts(workspace);
        std::vector<compensation::Draft> chosen;
        const QStringList ids = parser.values(QStringLiteral("id"));
        for (compensation::Draft& d : drafts.all()) {
            if (d.status == compensation::DraftStatus::Appended)
                continue;
            if (!ids.isEmpty() && !ids.contains(QString::number(d.id)))
                continue;
            chosen.push_back(std::move(d));
        }
        if (chosen.empty()) {
            err() << "eventscope-cli whatif: there is no draft to preview (eventscope-cli draft makes them)"
                  << Qt::endl;
            return ExitFailure;
        }
        replay::ReplaySetup setup(spec);
        const QString stream = parser.value(QStringLiteral("stream"));
        if (!stream.isEmpty() && setup.projection().partitioning() == replay::Partitioning::None) {
            err() << "eventscope-cli whatif: " << setup.projectionName()
                  << " keeps one state, not one per stream or key: --stream cannot pick a part of it"
                  << Qt::endl;
            return ExitUsage;
        }
        const compensation::WhatIfResult result =
            compensation::whatIf(store, chosen, setup.projection(), setup.upcaster(), setup.checks(), stream);

        json::Value report = json::Value::object();
        report.insert("projection", setup.projectionName());
        if (!stream.isEmpty())
            report.insert("stream", stream);
        report.insert("drafts", qint64(chosen.size()));
        json::Value actual = json::Value::object();
        actual.insert("position", result.actualPosition);
        actual.insert("state", result.actual);
        report.insert("actual", std::move(actual));
        json::Value corrected = json::Value::object();
        corrected.insert("position", result.correctedPosition);
        corrected.insert("state", result.corrected);
        report.insert("corrected", std::move(corrected));
        report.insert("diff", json::diffToJson(result.diff));
        json::Value invariants = json::Value::array();
        bool brokenByDrafts = false;
        for (const compensation::InvariantOutcome& outcome : result.invariants) {
            json::Value entry = json::Value::object();
            entry.insert("name", outcome.name);
            entry.insert("actual", sideJson(outcome.violatedActual));
            entry.insert("corrected", sideJson(outcome.violatedCorrected));
            entry.insert("fixed", keysJson(outcome.fixed()));
            entry.insert("broken", keysJson(outcome.broken()));
            brokenByDrafts = brokenByDrafts || !outcome.broken().isEmpty();
            invariants.append(std::move(entry));
        }
        report.insert("invariants", std::move(invariants));
        json::Value events = json::Value::array();
        for (const Event& e : result.draftEvents)
            events.append(envelopeJson(e));
        report.insert("events", std::move(events));
        printJson(report);
        return brokenByDrafts ? ExitRejected : ExitOk;
    });
}

} // namespace eventscope::cli
