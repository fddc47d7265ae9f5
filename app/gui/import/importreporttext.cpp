#include "importreporttext.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

namespace eventscope::gui {
namespace {

using importers::ImportReport;

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("eventscope::gui::ImportReportText", text, nullptr, n);
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString events(qint64 n)
{
    return n == 1 ? tr("1 event") : tr("%1 events").arg(count(n));
}

QString megabytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString duration(double seconds)
{
    if (seconds < 1)
        return tr("under a second");
    if (seconds < 90)
        return tr("%1 s").arg(qint64(seconds + 0.5));
    if (seconds < 90 * 60)
        return tr("%1 min").arg(qint64(seconds / 60 + 0.5));
    return tr("%1 h %2 min").arg(qint64(seconds / 3600)).arg(qint64(seconds / 60) % 60);
}

} // namespace

QString importSummaryText(const ImportReport& report)
{
    switch (report.status) {
    case ImportReport::Status::Cancelled:
        return tr("Import cancelled: the workspace is unchanged");
    case ImportReport::Status::Failed:
        return tr("Import failed: %1").arg(report.error);
    case ImportReport::Status::Completed:
        break;
    }
    QStringList parts;
    parts << tr("Imported %1").arg(events(report.accepted));
    if (report.rejected > 0)
        parts << tr("%1 rejected").arg(count(report.rejected));
    if (report.duplicates > 0)
        parts << (report.duplicates == 1 ? tr("1 duplicate")
                                         : tr("%1 duplicates").arg(count(report.duplicates)));
    if (report.warnings > 0)
        parts << (report.warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(count(report.warnings)));
    int alreadyImported = 0;
    for (const auto& file : report.files)
        alreadyImported += file.alreadyImportedNote.isEmpty() ? 0 : 1;
    if (alreadyImported == 1 && report.files.size() == 1)
        parts << tr("the file was already imported");
    else if (alreadyImported > 0)
        parts << tr("%1 of %2 files already imported").arg(alreadyImported).arg(report.files.size());
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString importDetailsText(const ImportReport& report)
{
    QStringList lines;
    lines << importSummaryText(report);
    if (report.status == ImportReport::Status::Completed && report.seconds > 0) {
        lines << tr("%1 read in %2").arg(megabytes(report.bytes), duration(report.seconds));
    }
    lines << QString();
    for (const auto& file : report.files) {
        lines << QStringLiteral("%1 (%2)").arg(file.path, file.format);
        if (!file.alreadyImportedNote.isEmpty()) {
            lines << QStringLiteral("    ") + file.alreadyImportedNote;
            continue;
        }
        lines << QStringLiteral("    ") + tr("%1 accepted, %2 rejected, %3 duplicates, %4 warnings")
                                              .arg(count(file.accepted), count(file.rejected),
                                                   count(file.duplicates), count(file.warnings));
        if (!file.note.isEmpty())
            lines << QStringLiteral("    ") + file.note;
    }
    if (!report.messages.isEmpty()) {
        lines << QString();
        lines << tr("Problems:");
        lines << report.messages;
        const qint64 more = report.rejected + report.warnings - report.messages.size();
        if (more > 0)
            lines << tr("\u2026 %1 more not shown").arg(count(more));
    }
    return lines.join(QLatin1Char('\n'));
}

QString progressBytesText(qint64 done, qint64 total)
{
    return tr("%1 of %2").arg(megabytes(done), megabytes(total));
}

QString progressRateText(double eventsPerSecond, double secondsLeft)
{
    QStringList parts;
    if (eventsPerSecond > 0)
        parts << tr("%1 events/s").arg(count(qint64(eventsPerSecond + 0.5)));
    if (secondsLeft >= 0)
        parts << (secondsLeft < 1 ? tr("almost done") : tr("%1 left").arg(duration(secondsLeft)));
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace eventscope::gui
