#include "previewpane.h"

#include "noticelabel.h"
#include "previewtablemodel.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

QString records(qint64 n)
{
    return n == 1 ? PreviewPane::tr("1 record") : PreviewPane::tr("%1 records").arg(QLocale().toString(n));
}

} // namespace

PreviewPane::PreviewPane(QWidget* parent)
    : QWidget(parent), m_model(new PreviewTableModel(this)), m_view(new QTableView(this)),
      m_status(new NoticeLabel(this)), m_badRecords(new NoticeLabel(this)),
      m_problems(new QPlainTextEdit(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_badRecords);
    layout->addWidget(m_problems);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(
        PreviewTableModel::TimeColumn,
        m_view->fontMetrics().horizontalAdvance(QStringLiteral("2025-03-01T12:00:00.000000Z")) + 2 * digit);
    header->resizeSection(PreviewTableModel::StreamColumn, 16 * digit);
    header->resizeSection(PreviewTableModel::TypeColumn, 18 * digit);
    header->resizeSection(PreviewTableModel::IdColumn, 18 * digit);

    m_problems->setReadOnly(true);
    m_problems->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_problems->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_problems->setMaximumHeight(m_problems->fontMetrics().lineSpacing() * 5 + 12);
    m_problems->setAccessibleName(tr("Bad records"));
    m_problems->hide();
}

void PreviewPane::showPending(const QString& fileName)
{
    m_status->setNotice(NoticeLabel::Kind::Info, tr("Reading the first records of %1\u2026").arg(fileName));
}

void PreviewPane::setStrict(bool strict)
{
    m_strict = strict;
    if (m_hasResult)
        showResult(PreviewResult(m_result));
}

void PreviewPane::showNothing(const QString& why)
{
    m_hasResult = false;
    m_model->clear();
    m_status->setNotice(NoticeLabel::Kind::Info, why);
    m_badRecords->clear();
    m_problems->hide();
}

void PreviewPane::showResult(const PreviewResult& result)
{
    m_result = result;
    m_hasResult = true;
    m_model->setEvents(result.events);
    const QString fileName = QFileInfo(result.request.path).fileName();
    if (!result.error.isEmpty()) {
        m_status->setNotice(NoticeLabel::Kind::Error, result.error);
    } else if (result.events.empty()) {
        m_status->setNotice(NoticeLabel::Kind::Warning,
                            result.recordsRead == 0
                                ? tr("%1 holds no records.").arg(fileName)
                                : tr("No record of %1 could be read as an event.").arg(fileName));
    } else if (result.wholeFile) {
        m_status->setNotice(NoticeLabel::Kind::Info,
                            tr("All of %1: %2 as they will be imported.")
                                .arg(fileName, records(qint64(result.events.size()))));
    } else {
        m_status->setNotice(NoticeLabel::Kind::Info,
                            tr("The first %1 of %2, as they will be imported.")
                                .arg(records(qint64(result.events.size())), fileName));
    }

    if (result.badRecords == 0 && result.warnings == 0) {
        m_badRecords->clear();
        m_problems->hide();
        return;
    }
    QStringList parts;
    if (result.badRecords > 0) {
        const QString bad = result.badRecords == 1
                                ? tr("1 bad record")
                                : tr("%1 bad records").arg(QLocale().toString(result.badRecords));
        parts << (result.wholeFile ? tr("%1 in the file").arg(bad)
                                   : tr("%1 among the first %2 read").arg(bad, records(result.recordsRead)));
        parts.last() += m_strict ? tr(": a strict import stops at the first and imports nothing")
                                 : tr(": skipped on import");
    }
    if (result.warnings > 0)
        parts << (result.warnings == 1 ? tr("1 warning")
                                       : tr("%1 warnings").arg(QLocale().toString(result.warnings)));
    m_badRecords->setNotice(NoticeLabel::Kind::Warning, parts.join(QStringLiteral("; ")));
    QStringList lines = result.messages;
    const qint64 more = result.badRecords + result.warnings - result.messages.size();
    if (more > 0)
        lines << tr("\u2026 %1 more").arg(QLocale().toString(more));
    m_problems->setPlainText(lines.join(QLatin1Char('\n')));
    m_problems->show();
}

QString PreviewPane::statusText() const
{
    QStringList parts{m_status->text()};
    if (!m_badRecords->text().isEmpty())
        parts << m_badRecords->text();
    return parts.join(QLatin1Char('\n'));
}

QString PreviewPane::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problems->toPlainText();
}

} // namespace eventscope::gui
