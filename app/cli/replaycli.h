#pragma once

#include "cli.h"
#include "replay/replayengine.h"
#include "replay/replaysetup.h"
#include "json/jsonvalue.h"

#include <QCommandLineParser>

#include <optional>

namespace eventscope::cli {

// --projection, --upcasters and --time-limit: shared by state, diff, verify and series.
void addReplayOptions(QCommandLineParser& parser);
bool replaySpecFromOptions(const QCommandLineParser& parser, replay::ReplaySpec& spec, QString& error);

// A position given as an integer (0 = before the first event) or an RFC 3339 time (the last event
// at or before it).
std::optional<qint64> positionFromText(replay::ReplayEngine& engine, const QString& text, QString& error);

// {"position": p, "time": "..."} members of a report: the time of the event at p, null at 0.
void insertPositionAndTime(json::Value& report, replay::ReplayEngine& engine, qint64 position,
                           std::string_view positionKey = "position", std::string_view timeKey = "time");

// An event as our JSON Lines envelope, for reports.
json::Value envelopeJson(const Event& event);

// The report on stdout: indented JSON, members in the order they were inserted.
void printJson(const json::Value& report);

// Runs `body`, turning the errors a command over a workspace meets (a script's, the workspace's,
// SQLite's) into "eventscope-cli COMMAND: message" on stderr and ExitFailure.
int reportingFailures(const QString& command, const std::function<int()>& body);

// Runs `body` with the workspace open read-only and a replay set up as the options say; maps the
// errors every replay command can meet to messages and exit codes.
int withReplay(const QString& command, const QString& workspacePath, const replay::ReplaySpec& spec,
               const std::function<int(replay::ReplaySetup&, replay::ReplayEngine&)>& body);

} // namespace eventscope::cli
