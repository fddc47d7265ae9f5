#pragma once

#include "event.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace eventscope::testing {

// Writes bytes to a file inside dir and returns its path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

// Points QSettings at a throwaway folder for the whole test program (the recent list, window
// geometry and choices a test makes stay out of the user's settings). Call in initTestCase(),
// before anything reads settings.
void isolateSettings(const QTemporaryDir& dir, const QString& applicationName);

// A canonical event for fixtures.
Event makeEvent(const QString& stream, const QString& type, qint64 timeUs, const QString& id = {});

// What a program run by runProgram() did.
struct ProgramRun
{
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program to its end and collects its exit and output; killed after timeoutMs (err then
// reads "<timed out>").
ProgramRun runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 120000);
// Runs eventscope-cli (cliPath()).
ProgramRun runCli(const QStringList& arguments, int timeoutMs = 120000);

// Exit code, stdout and stderr of a run, for failure messages.
QString describe(const ProgramRun& run);

// The eventscope-cli under test: <build>/app/cli/eventscope-cli.
QString cliPath();
// eventscope-generate of the same build tree: <build>/bench/generator/eventscope-generate.
QString generatorPath();

} // namespace eventscope::testing
