#include "previewrunner.h"

namespace eventscope::gui {

PreviewRunner::PreviewRunner(QObject* parent) : QObject(parent)
{
    // One preview at a time: a newer one waits for the stale one to notice and stop, which it
    // does within one record.
    m_pool.setMaxThreadCount(1);
}

PreviewRunner::~PreviewRunner()
{
    cancel();
    m_pool.waitForDone();
}

void PreviewRunner::request(const PreviewRequest& request)
{
    if (m_stale)
        m_stale->store(true);
    m_stale = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_busy = true;
    emit started();
    m_pool.start([this, request, generation, stale = m_stale] {
        if (stale->load())
            return;
        PreviewResult result = ImportPreview::run(request, stale.get());
        if (stale->load())
            return;
        // Queued to this object's thread; the destructor waits for this task, so `this` is alive.
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result)] {
                if (generation != m_generation)
                    return;
                m_busy = false;
                emit ready(result);
            },
            Qt::QueuedConnection);
    });
}

void PreviewRunner::cancel()
{
    if (m_stale)
        m_stale->store(true);
    m_stale.reset();
    ++m_generation;
    m_busy = false;
}

} // namespace eventscope::gui
