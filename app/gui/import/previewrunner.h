#pragma once

#include "importpreview.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace eventscope::gui {

// Runs ImportPreview off the GUI thread, latest wins: each request supersedes the one before,
// which notices and stops reading, and only the newest result is delivered.
class PreviewRunner : public QObject
{
    Q_OBJECT

public:
    explicit PreviewRunner(QObject* parent = nullptr);
    ~PreviewRunner() override; // stops and waits for the preview in progress

    void request(const PreviewRequest& request);
    // Drops the pending request, if any: no ready() follows for it.
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    void started();
    void ready(const eventscope::gui::PreviewResult& result);

private:
    // One flag per request: set when a newer request (or cancel) makes it stale.
    std::shared_ptr<std::atomic<bool>> m_stale;
    quint64 m_generation = 0;
    bool m_busy = false;
    QThreadPool m_pool;
};

} // namespace eventscope::gui
