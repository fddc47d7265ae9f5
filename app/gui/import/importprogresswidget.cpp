#include "importprogresswidget.h"

#include "importcontroller.h"
#include "importdetailsdialog.h"
#include "importreporttext.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>

namespace eventscope::gui {
namespace {

QHBoxLayout* rowLayout(QWidget* page)
{
    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(8);
    return layout;
}

} // namespace

ImportProgressWidget::ImportProgressWidget(QWidget* parent)
    : QWidget(parent), m_pages(new QStackedWidget(this)), m_title(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_rate(new QLabel(this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_resultIcon(new QLabel(this)), m_summary(new QLabel(this)),
      m_details(new QPushButton(tr("Details\u2026"), this)), m_close(new QPushButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    auto* running = new QWidget(m_pages);
    auto* runningLayout = rowLayout(running);
    runningLayout->addWidget(m_title);
    runningLayout->addWidget(m_bar);
    runningLayout->addWidget(m_rate);
    runningLayout->addWidget(m_cancel);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_bar->setMinimumWidth(220);
    m_bar->setMaximumHeight(m_cancel->sizeHint().height() - 4);
    m_rate->setMinimumWidth(
        m_rate->fontMetrics().horizontalAdvance(QStringLiteral("000,000 events/s \u00b7 00 min left")));
    m_cancel->setToolTip(tr("Stop the import; nothing of it is written"));
    m_pages->addWidget(running);

    auto* done = new QWidget(m_pages);
    auto* doneLayout = rowLayout(done);
    // Right-aligned as one group, however wide the running page made the stack.
    doneLayout->addStretch(1);
    doneLayout->addWidget(m_resultIcon);
    doneLayout->addWidget(m_summary);
    doneLayout->addWidget(m_details);
    doneLayout->addWidget(m_close);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss"));
    m_details->setToolTip(tr("Each file's counts and notes, and the first problems with their places"));
    m_pages->addWidget(done);

    connect(m_details, &QPushButton::clicked, this, &ImportProgressWidget::showDetails);
    connect(m_close, &QPushButton::clicked, this, &ImportProgressWidget::dismiss);
    hide();
}

void ImportProgressWidget::setController(ImportController* controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    disconnect(m_cancelConnection);
    m_controller = controller;
    if (!controller)
        return;
    connect(controller, &ImportController::started, this, &ImportProgressWidget::onStarted);
    connect(controller, &ImportController::progress, this, &ImportProgressWidget::onProgress);
    connect(controller, &ImportController::finished, this, &ImportProgressWidget::onFinished);
    m_cancelConnection = connect(m_cancel, &QPushButton::clicked, controller, [this] {
        m_controller->cancel();
        // The import stops at its next batch; say so rather than look frozen meanwhile.
        m_cancel->setEnabled(false);
        m_bar->setFormat(tr("Cancelling…"));
    });
    if (controller->isRunning())
        onStarted();
}

void ImportProgressWidget::onStarted()
{
    const QStringList files = m_controller ? m_controller->request().files : QStringList();
    m_title->setText(files.size() == 1 ? tr("Importing %1").arg(QFileInfo(files.first()).fileName())
                                       : tr("Importing %1 files").arg(files.size()));
    m_title->setToolTip(files.join(QLatin1Char('\n')));
    m_bar->setValue(0);
    m_bar->setFormat(tr("Starting\u2026"));
    m_rate->clear();
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel"));
    m_pages->setCurrentIndex(0);
    show();
}

void ImportProgressWidget::onProgress(qint64 bytesDone, qint64 bytesTotal, qint64 events,
                                      double eventsPerSecond, double secondsLeft)
{
    const double fraction = bytesTotal > 0 ? double(bytesDone) / double(bytesTotal) : 0;
    m_bar->setValue(int(fraction * 1000));
    m_bar->setFormat(
        tr("%1% \u00b7 %2").arg(int(fraction * 100)).arg(progressBytesText(bytesDone, bytesTotal)));
    m_bar->setToolTip(events == 1 ? tr("1 event read")
                                  : tr("%1 events read").arg(QLocale().toString(events)));
    m_rate->setText(progressRateText(eventsPerSecond, secondsLeft));
}

void ImportProgressWidget::onFinished(const importers::ImportReport& report)
{
    m_report = report;
    m_summary->setText(importSummaryText(report));
    m_summary->setToolTip(report.error);
    QStyle::StandardPixmap icon = QStyle::SP_DialogApplyButton;
    if (report.status == importers::ImportReport::Status::Failed)
        icon = QStyle::SP_MessageBoxCritical;
    else if (report.status == importers::ImportReport::Status::Cancelled || report.rejected > 0)
        icon = QStyle::SP_MessageBoxWarning;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_resultIcon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    m_details->setVisible(report.status != importers::ImportReport::Status::Cancelled ||
                          !report.messages.isEmpty());
    m_pages->setCurrentIndex(1);
    show();
}

void ImportProgressWidget::showDetails()
{
    auto* dialog = new ImportDetailsDialog(m_report, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ImportProgressWidget::dismiss()
{
    if (m_controller && m_controller->isRunning())
        return; // the running import stays in view until it ends
    hide();
}

QString ImportProgressWidget::statusText() const
{
    return m_pages->currentIndex() == 0 ? m_title->text() + QStringLiteral(" ") + m_bar->text()
                                        : m_summary->text();
}

QString ImportProgressWidget::rateText() const
{
    return m_rate->text();
}

} // namespace eventscope::gui
