#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTest>

namespace eventscope::testing {

void isolateSettings(const QTemporaryDir& dir, const QString& applicationName)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("EventscopeTests"));
    QCoreApplication::setApplicationName(applicationName);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write fixture %s", qPrintable(path));
    return path;
}

Event makeEvent(const QString& stream, const QString& type, qint64 timeUs, const QString& id)
{
    Event e;
    e.stream = stream;
    e.type = type;
    e.timeUs = timeUs;
    e.id = id.isEmpty() ? stream + QLatin1Char('/') + QString::number(timeUs) : id;
    e.data = QByteArrayLiteral("{}");
    return e;
}

ProgramRun runProgram(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    ProgramRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("<timed out>");
        return run;
    }
    run.exitStatus = process.exitStatus();
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

ProgramRun runCli(const QStringList& arguments, int timeoutMs)
{
    return runProgram(cliPath(), arguments, timeoutMs);
}

QString describe(const ProgramRun& run)
{
    return QStringLiteral("exit %1\n--- stdout:\n%2--- stderr:\n%3").arg(run.exitCode).arg(run.out, run.err);
}

QString cliPath()
{
    return QStringLiteral(EVENTSCOPE_CLI_PATH);
}

QString generatorPath()
{
    return QDir::cleanPath(QFileInfo(cliPath()).absolutePath() +
                           QStringLiteral("/../../bench/generator/eventscope-generate"));
}

} // namespace eventscope::testing
