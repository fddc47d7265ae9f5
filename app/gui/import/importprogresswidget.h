#pragma once

#include "importjob.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace eventscope::gui {

class ImportController;

// The status bar's view of a background import: a progress bar with bytes, events/s and the time
// left, and Cancel; once the import ends, a one-line summary with its details a click away.
// Hidden while there is nothing to show.
class ImportProgressWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgressWidget(QWidget* parent = nullptr);

    // Follows this controller's imports (one controller at a time; nullptr to stop following).
    void setController(ImportController* controller);

    // The shown texts, for tests and accessibility.
    QString statusText() const;
    QString rateText() const;
    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* detailsButton() const { return m_details; }
    const importers::ImportReport& lastReport() const { return m_report; }

public slots:
    void showDetails();
    void dismiss();

private:
    void onStarted();
    void onProgress(qint64 bytesDone, qint64 bytesTotal, qint64 events, double eventsPerSecond,
                    double secondsLeft);
    void onFinished(const importers::ImportReport& report);

    QPointer<ImportController> m_controller;
    QStackedWidget* m_pages;
    QLabel* m_title;
    QProgressBar* m_bar;
    QLabel* m_rate;
    QPushButton* m_cancel;
    QLabel* m_resultIcon;
    QLabel* m_summary;
    QPushButton* m_details;
    QPushButton* m_close;
    importers::ImportReport m_report;
    QMetaObject::Connection m_cancelConnection;
};

} // namespace eventscope::gui
