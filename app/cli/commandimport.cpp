#include "cli.h"

#include "formatregistry.h"
#include "importjob.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace eventscope::cli {

namespace {

std::atomic<bool> interrupted{false};

void onInterrupt(int)
{
    interrupted = true;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
}

// A single refreshing line on a terminal; nothing when stderr is piped.
class ProgressLine
{
public:
    ProgressLine() : m_enabled(isatty(STDERR_FILENO)) { m_timer.start(); }
    ~ProgressLine() { clear(); }

    void update(const importers::ImportProgress& p)
    {
        if (!m_enabled || m_timer.elapsed() - m_lastDraw < 100)
            return;
        m_lastDraw = m_timer.elapsed();
        const double seconds = double(m_timer.elapsed()) / 1000.0;
        const double rate = seconds > 0 ? double(p.events) / seconds : 0;
        const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal) : 0;
        const double remaining = fraction > 0.01 ? seconds * (1 - fraction) / fraction : -1;
        QString line = QStringLiteral("%1%  %2 / %3  %4 events  %5 events/s")
                           .arg(int(fraction * 100), 3)
                           .arg(megabytes(p.bytesDone), megabytes(p.bytesTotal),
                                QLocale::c().toString(p.events), QLocale::c().toString(qint64(rate)));
        if (remaining >= 0)
            line += QStringLiteral("  %1 s left").arg(qint64(remaining + 0.5));
        err() << '\r' << line.leftJustified(m_width) << Qt::flush;
        m_width = std::max(m_width, int(line.size()));
    }

    void clear()
    {
        if (m_enabled && m_width > 0) {
            err() << '\r' << QString(m_width, QLatin1Char(' ')) << '\r' << Qt::flush;
            m_width = 0;
        }
    }

private:
    bool m_enabled;
    QElapsedTimer m_timer;
    qint64 m_lastDraw = -1000;
    int m_width = 0;
};

const char* usage = "usage: eventscope-cli import WORKSPACE FILE... [--format F] [--map k=v,...]\n"
                    "       [--descriptors SET.pb (--message-type M | --type-map T=M,...)] [--strict]\n"
                    "       [--order time|source] [--stream-from subject|source]";

} // namespace

int runImport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope); created if missing."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to import."),
                                 QStringLiteral("FILE..."));
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("Read as this format instead of detecting it."), QStringLiteral("F")});
    parser.addOption(
        {QStringLiteral("map"),
         QStringLiteral("Field mapping, e.g. stream=aggregateId,type=eventType,time=occurredAt,id=eventId,"
                        "data=payload (data=* takes the whole record; time_unit=s|ms|us; or a preset: "
                        "envelope, messagedb, marten, kurrentdb, cloudevents)."),
         QStringLiteral("k=v,...")});
    parser.addOption({QStringLiteral("descriptors"),
                      QStringLiteral("A FileDescriptorSet for protobuf payloads."),
                      QStringLiteral("SET.pb")});
    parser.addOption({QStringLiteral("message-type"),
                      QStringLiteral("The message type of a whole delimited protobuf file."),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("type-map"),
                      QStringLiteral("Event type to protobuf message type, T=M,..."),
                      QStringLiteral("T=M,...")});
    parser.addOption(
        {QStringLiteral("strict"), QStringLiteral("Abort at the first bad record; nothing is written.")});
    parser.addOption({QStringLiteral("order"),
                      QStringLiteral("time (default): one timeline ordered by time, ties in source order; "
                                     "source: plain source order."),
                      QStringLiteral("time|source")});
    parser.addOption({QStringLiteral("stream-from"),
                      QStringLiteral("For CloudEvents: stream = subject when present, else source (default), "
                                     "or always source."),
                      QStringLiteral("subject|source")});
    if (const int code = parseArguments(parser, arguments, QString::fromLatin1(usage)); code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        err() << "eventscope-cli import: a workspace and at least one file are needed\n" << usage << Qt::endl;
        return ExitUsage;
    }

    importers::ImportRequest request;
    request.files = positional.mid(1);
    request.format = parser.value(QStringLiteral("format"));
    const auto& registry = importers::FormatRegistry::instance();
    if (!request.format.isEmpty() && !registry.reader(request.format)) {
        err() << "eventscope-cli import: unknown format '" << request.format
              << "' (one of: " << registry.readerIds().join(QStringLiteral(", ")) << ')' << Qt::endl;
        return ExitUsage;
    }
    request.strict = parser.isSet(QStringLiteral("strict"));
    request.options.mapping = parser.value(QStringLiteral("map"));
    request.options.descriptorSetPath = parser.value(QStringLiteral("descriptors"));
    request.options.messageType = parser.value(QStringLiteral("message-type"));
    const QString order = parser.value(QStringLiteral("order"));
    if (order == QLatin1String("source")) {
        request.order = MergeOrder::Source;
    } else if (!order.isEmpty() && order != QLatin1String("time")) {
        err() << "eventscope-cli import: --order takes time or source" << Qt::endl;
        return ExitUsage;
    }
    const QString streamFrom = parser.value(QStringLiteral("stream-from"));
    if (!streamFrom.isEmpty()) {
        if (streamFrom != QLatin1String("subject") && streamFrom != QLatin1String("source")) {
            err() << "eventscope-cli import: --stream-from takes subject or source" << Qt::endl;
            return ExitUsage;
        }
        request.options.cloudEventsStreamFrom = streamFrom;
    }
    const QStringList typeMap =
        parser.value(QStringLiteral("type-map")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& entry : typeMap) {
        const auto eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            err() << "eventscope-cli import: --type-map entry '" << entry << "' is not TYPE=MESSAGE"
                  << Qt::endl;
            return ExitUsage;
        }
        request.options.typeMap.insert(entry.left(eq).trimmed(), entry.mid(eq + 1).trimmed());
    }
    if ((parser.isSet(QStringLiteral("message-type")) || !typeMap.isEmpty()) &&
        request.options.descriptorSetPath.isEmpty()) {
        err() << "eventscope-cli import: --message-type and --type-map need --descriptors SET.pb" << Qt::endl;
        return ExitUsage;
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    importers::ImportReport report;
    const QString workspacePath = positional.first();
    const bool workspaceExisted = QFileInfo::exists(workspacePath);
    try {
        Workspace workspace(workspacePath);
        ProgressLine progressLine;
        report = importers::runImport(workspace, request, [&](const importers::ImportProgress& p) {
            progressLine.update(p);
            return !interrupted.load();
        });
    } catch (const WorkspaceError& error) {
        err() << "eventscope-cli: " << error.message() << Qt::endl;
        return ExitFailure;
    }
    // "As it was" for a workspace this command created is no file at all.
    if (!workspaceExisted && report.status != importers::ImportReport::Status::Completed) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(workspacePath + QLatin1String(suffix));
    }

    for (const QString& message : std::as_const(report.messages))
        err() << message << '\n';
    if (report.rejected + report.warnings > report.messages.size())
        err() << "... " << (report.rejected + report.warnings - report.messages.size())
              << " more not shown\n";
    for (const auto& file : report.files) {
        if (!file.alreadyImportedNote.isEmpty())
            err() << file.path << ": " << file.alreadyImportedNote << '\n';
        else if (!file.note.isEmpty())
            err() << file.path << ": " << file.format << ", " << file.note << '\n';
    }
    if (report.status != importers::ImportReport::Status::Completed) {
        err() << "eventscope-cli: " << report.error << Qt::endl;
        return ExitFailure;
    }
    err() << "imported " << report.accepted << " events, rejected " << report.rejected << ", duplicates "
          << report.duplicates << ", warnings " << report.warnings << " in "
          << QString::number(report.seconds, 'f', 2) << " s";
    const qint64 records = report.accepted + report.duplicates + report.rejected;
    if (records > 0 && report.seconds > 0) {
        err() << " (" << qint64(double(records) / report.seconds) << " events/s, "
              << QString::number(double(report.bytes) / 1e6 / report.seconds, 'f', 1) << " MB/s)";
    }
    err() << Qt::endl;
    if (report.addedNothing() && report.rejected == 0)
        err() << "nothing new was added to " << positional.first() << Qt::endl;
    return report.rejected > 0 ? ExitRejected : ExitOk;
}

} // namespace eventscope::cli
