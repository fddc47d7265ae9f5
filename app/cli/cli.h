#pragma once

#include "eventstore.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace eventscope::cli {

// Documented in --help and the README.
enum ExitCode
{
    ExitOk = 0,
    ExitRejected = 1, // some records were rejected (the rest were imported)
    ExitUsage = 2,
    ExitFailure = 3
};

QTextStream& out();
QTextStream& err();

// Parses a subcommand's arguments; prints the error (exit 2) or the help (exit 0) itself.
// Returns -1 when the command should go on.
int parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& usage);

// --stream, --type, --from, --to, --limit: shared by `events` and `export`.
void addSelectionOptions(QCommandLineParser& parser);
bool selectionFromOptions(const QCommandLineParser& parser, EventSelection& selection, QString& error);

int runImport(const QStringList& arguments);
int runInfo(const QStringList& arguments);
int runEvents(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runState(const QStringList& arguments);
int runDiff(const QStringList& arguments);
int runVerify(const QStringList& arguments);
int runSeries(const QStringList& arguments);
int runBookmark(const QStringList& arguments);
int runBookmarks(const QStringList& arguments);
int runFollow(const QStringList& arguments);
int runAttach(const QStringList& arguments);
int runDraft(const QStringList& arguments);
int runDrafts(const QStringList& arguments);
int runWhatIf(const QStringList& arguments);
int runAppend(const QStringList& arguments);

} // namespace eventscope::cli
