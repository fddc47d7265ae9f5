#include "cli.h"

#include "attachedstore.h"
#include "cloudevents/cloudeventsjsonwriter.h"
#include "compensation/drafts.h"
#include "draftexport.h"
#include "formatregistry.h"
#include "jsonlines/envelopejson.h"
#include "sqlite/database.h"
#include "timeformat.h"
#include "workspace.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace eventscope::cli {

namespace {

// One line of payload for the table format.
QString payloadSummary(const Event& e, int width)
{
    QString text = e.rawData.isEmpty()
                       ? QString::fromUtf8(e.data)
                       : QStringLiteral("<%1 bytes %2>").arg(e.rawData.size()).arg(e.contentType);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.size() > width)
        text = text.left(width - 1) + QChar(0x2026);
    return text;
}

int openWorkspaceError(const QString& message)
{
    err() << "eventscope-cli: " << message << Qt::endl;
    return ExitFailure;
}

} // namespace

int runEvents(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("format"), QStringLiteral("jsonl (default), table or cloudevents."),
                      QStringLiteral("F"), QStringLiteral("jsonl")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli events WORKSPACE [--stream S] [--type T] "
                       "[--from/--to POSITION|TIME] [--limit N] [--format jsonl|table|cloudevents]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err() << "eventscope-cli events: one workspace is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("table") &&
        format != QLatin1String("cloudevents")) {
        err() << "eventscope-cli events: --format takes jsonl, table or cloudevents" << Qt::endl;
        return ExitUsage;
    }
    EventSelection selection;
    QString error;
    if (!selectionFromOptions(parser, selection, error)) {
        err() << "eventscope-cli events: " << error << Qt::endl;
        return ExitUsage;
    }
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
            return openWorkspaceError(QStringLiteral("cannot write to standard output"));
        importers::BufferedDeviceWriter writer(stdoutFile);
        if (format == QLatin1String("table")) {
            writer.buffer() += QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                                   .arg(QStringLiteral("POSITION"), 9)
                                   .arg(QStringLiteral("TIME"), -27)
                                   .arg(QStringLiteral("STREAM"), -20)
                                   .arg(QStringLiteral("TYPE"), -20)
                                   .arg(QStringLiteral("VER"), 5)
                                   .arg(QStringLiteral("PAYLOAD"))
                                   .toStdString();
        }
        store.forEach(selection, [&](const Event& e) {
            if (format == QLatin1String("jsonl")) {
                importers::appendEnvelopeJson(writer.buffer(), e);
            } else if (format == QLatin1String("cloudevents")) {
                importers::appendCloudEventJson(writer.buffer(), e);
            } else {
                writer.buffer() += QStringLiteral("%1  %2  %3  %4  %5  %6")
                                       .arg(e.position, 9)
                                       .arg(formatTimestamp(e.timeUs), -27)
                                       .arg(e.stream, -20)
                                       .arg(e.type, -20)
                                       .arg(e.streamVersion, 5)
                                       .arg(payloadSummary(e, 80))
                                       .toStdString();
            }
            writer.buffer().push_back('\n');
            writer.flushIfFull();
            return true;
        });
        writer.flush();
    } catch (const WorkspaceError& e) {
        return openWorkspaceError(e.message());
    } catch (const sqlite::Error& e) {
        return openWorkspaceError(e.message());
    } catch (const importers::WriteError& e) {
        return openWorkspaceError(e.message());
    }
    return ExitOk;
}

namespace {

// export --drafts: the drafts not yet appended, as the events they will be.
int exportDrafts(const QCommandLineParser& parser, const importers::ExportFormat& format)
{
    const QString outPath = parser.positionalArguments().at(1);
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        std::vector<compensation::Draft> pending;
        for (compensation::Draft& d : compensation::Drafts(workspace).all()) {
            if (d.status != compensation::DraftStatus::Appended)
                pending.push_back(std::move(d));
        }
        if (pending.empty()) {
            err() << "eventscope-cli export: there is no draft to export (eventscope-cli draft makes them)"
                  << Qt::endl;
            return ExitFailure;
        }
        const QString author = parser.value(QStringLiteral("author"));
        const auto result = importers::exportDrafts(
            workspace, pending, outPath, format, author.isEmpty() ? compensation::defaultAuthor() : author);
        err() << "exported " << result.written << " drafts to " << outPath << " (" << format.id() << ')'
              << Qt::endl;
        return ExitOk;
    } catch (const WorkspaceError& e) {
        return openWorkspaceError(e.message());
    } catch (const sqlite::Error& e) {
        return openWorkspaceError(e.message());
    } catch (const importers::WriteError& e) {
        return openWorkspaceError(e.message());
    }
}

} // namespace

int runExport(const QStringList& arguments)
{
    const auto& registry = importers::FormatRegistry::instance();
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addPositionalArgument(QStringLiteral("OUT"),
                                 QStringLiteral("The file to write (replaced atomically)."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("One of: %1 (default jsonl).")
                          .arg(registry.exportFormatIds().join(QStringLiteral(", "))),
                      QStringLiteral("F"), QStringLiteral("jsonl")});
    parser.addOption({QStringLiteral("drafts"),
                      QStringLiteral("Export the compensation drafts not yet appended instead of the log's "
                                     "events, and record them as exported.")});
    parser.addOption({QStringLiteral("author"),
                      QStringLiteral("Who exports the drafts (default: the login name)."),
                      QStringLiteral("NAME")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli export WORKSPACE OUT [--format %1] [--stream S] "
                       "[--type T] [--from/--to POSITION|TIME] [--limit N] | [--drafts [--author NAME]]")
            .arg(registry.exportFormatIds().join(QLatin1Char('|')));
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 2) {
        err() << "eventscope-cli export: a workspace and an output file are needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    const auto* format = registry.exportFormat(parser.value(QStringLiteral("format")));
    if (!format) {
        err() << "eventscope-cli export: unknown format '" << parser.value(QStringLiteral("format"))
              << "' (one of: " << registry.exportFormatIds().join(QStringLiteral(", ")) << ')' << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("drafts")))
        return exportDrafts(parser, *format);
    EventSelection selection;
    QString error;
    if (!selectionFromOptions(parser, selection, error)) {
        err() << "eventscope-cli export: " << error << Qt::endl;
        return ExitUsage;
    }
    const QString outPath = parser.positionalArguments().at(1);
    qint64 written = 0;
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        // QSaveFile: readers of OUT see the old file or the whole new one, never a partial export.
        QSaveFile file(outPath);
        if (!file.open(QIODevice::WriteOnly))
            return openWorkspaceError(
                QStringLiteral("%1: cannot write: %2").arg(outPath, file.errorString()));
        auto writer = format->open(file);
        store.forEach(selection, [&](const Event& e) {
            writer->write(e);
            ++written;
            return true;
        });
        writer->finish();
        if (!file.commit())
            return openWorkspaceError(
                QStringLiteral("%1: cannot write: %2").arg(outPath, file.errorString()));
    } catch (const WorkspaceError& e) {
        return openWorkspaceError(e.message());
    } catch (const sqlite::Error& e) {
        return openWorkspaceError(e.message());
    } catch (const importers::WriteError& e) {
        return openWorkspaceError(QStringLiteral("%1: %2").arg(outPath, e.message()));
    }
    err() << "exported " << written << " events to " << outPath << " (" << format->id() << ')' << Qt::endl;
    return ExitOk;
}

} // namespace eventscope::cli
