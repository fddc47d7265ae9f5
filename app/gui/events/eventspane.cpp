#include "eventspane.h"

#include "eventstore.h"
#include "eventtablemodel.h"
#include "eventtableview.h"
#include "filter/filter.h"
#include "filter/filterservice.h"
#include "filterbar.h"

#include <QLocale>
#include <QVBoxLayout>

#include <exception>

namespace eventscope::gui {
namespace {

QString eventCount(qint64 count)
{
    return count == 1 ? EventsPane::tr("1 event")
                      : EventsPane::tr("%1 events").arg(QLocale().toString(count));
}

} // namespace

EventsPane::EventsPane(QWidget* parent)
    : QWidget(parent), m_bar(new FilterBar(this)), m_model(new EventTableModel(this)),
      m_view(new EventTableView(this))
{
    qRegisterMetaType<Matches>();
    m_view->setModel(m_model);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);

    connect(m_bar, &FilterBar::applyRequested, this, [this](const QString& text) { applyFilter(text); });
    connect(m_bar, &FilterBar::clearRequested, this, &EventsPane::clearFilter);
    connect(m_view, &EventTableView::positionActivated, this, &EventsPane::positionActivated);
    updateSummary();
}

EventsPane::~EventsPane()
{
    if (m_service)
        m_service->cancel(); // the worker's scan stops at its next poll; the destructor joins it
    m_service.reset();
    m_model->setStore(nullptr);
}

void EventsPane::setStore(EventStore* store, const QString& workspacePath)
{
    if (m_service)
        m_service->cancel();
    m_service.reset();
    m_store = store;
    m_path = store ? workspacePath : QString();
    if (!m_path.isEmpty()) {
        m_service = std::make_unique<filter::FilterService>(m_path);
        connect(m_service.get(), &filter::FilterService::finished, this, &EventsPane::onFinished);
        connect(m_service.get(), &filter::FilterService::failed, this, &EventsPane::onFailed);
    }
    setRunning(false);
    m_playhead = 0;
    m_model->setStore(store); // no filter, no range, playhead before the first event
    if (m_matches) {
        m_matches.reset();
        emit matchesChanged(nullptr);
    }
    if (store && !m_applied.isEmpty()) {
        if (const std::optional<filter::Filter> compiled = filter::Filter::compile(m_applied))
            run(*compiled);
    }
    updateSummary();
}

void EventsPane::refresh()
{
    m_model->reload();
    m_view->setPlayheadPosition(m_playhead);
    if (m_store && !m_applied.isEmpty()) {
        if (const std::optional<filter::Filter> compiled = filter::Filter::compile(m_applied))
            run(*compiled);
    }
    updateSummary();
}

void EventsPane::setPlayheadPosition(qint64 position)
{
    m_playhead = position;
    m_view->setPlayheadPosition(position);
}

void EventsPane::setRange(std::optional<PositionRange> range)
{
    if (range)
        m_model->setPositionRange(range->fromPosition, range->toPosition);
    else
        m_model->clearPositionRange();
    m_view->setPlayheadPosition(m_playhead);
    updateSummary();
}

bool EventsPane::applyFilter(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        clearFilter();
        return true;
    }
    filter::FilterError error;
    const std::optional<filter::Filter> compiled = filter::Filter::compile(text, &error);
    if (m_bar->text() != text)
        m_bar->setText(text);
    if (!compiled) {
        m_bar->showError(error);
        return false;
    }
    m_bar->clearError();
    m_bar->remember(text);
    m_applied = text;
    if (m_store)
        run(*compiled);
    updateSummary();
    return true;
}

void EventsPane::clearFilter()
{
    if (m_service)
        m_service->cancel();
    setRunning(false);
    m_bar->setText({});
    m_bar->clearError();
    m_applied.clear();
    m_model->setFilterPositions(nullptr);
    m_view->setPlayheadPosition(m_playhead);
    if (m_matches) {
        m_matches.reset();
        emit matchesChanged(nullptr);
    }
    updateSummary();
}

void EventsPane::run(const filter::Filter& filter)
{
    if (m_service) {
        m_service->request(filter);
        setRunning(true);
        return;
    }
    // No workspace file to open a second connection to: an in-memory log, filtered here.
    try {
        filter::FilterResult result;
        result.source = filter.source();
        result.positions = std::make_shared<const std::vector<qint64>>(m_store->matchingPositions(filter));
        onFinished(result);
    } catch (const std::exception& error) {
        onFailed(0, QString::fromUtf8(error.what()));
    }
}

void EventsPane::onFinished(const filter::FilterResult& result)
{
    setRunning(false);
    m_matches = result.positions;
    m_lastElapsedMs = result.elapsedMs;
    m_model->setFilterPositions(m_matches);
    m_view->setPlayheadPosition(m_playhead);
    emit matchesChanged(m_matches);
    updateSummary();
}

void EventsPane::onFailed(quint64, const QString& message)
{
    setRunning(false);
    m_bar->showProblem(tr("The filter could not run: %1").arg(message));
    updateSummary();
}

void EventsPane::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    emit filteringChanged(running);
}

void EventsPane::updateSummary()
{
    if (!m_store) {
        m_bar->setSummary({});
        return;
    }
    const QLocale locale;
    const qint64 total = m_model->totalCount();
    const qint64 shown = m_model->rowCount();
    if (m_running) {
        m_bar->setSummary(tr("Filtering\u2026"), tr("Looking for the events that match %1").arg(m_applied));
        return;
    }
    const bool restricted = m_model->hasPositionRange();
    if (!m_matches) {
        if (restricted)
            m_bar->setSummary(tr("%1 of %2").arg(locale.toString(shown), eventCount(total)),
                              tr("Events in the range selected on the timeline"));
        else
            m_bar->setSummary(eventCount(total));
        return;
    }
    const qint64 matching = qint64(m_matches->size());
    QString toolTip =
        tr("%1 match the filter (found in %2 s)")
            .arg(eventCount(matching), locale.toString(double(m_lastElapsedMs) / 1000.0, 'f', 2));
    if (restricted)
        toolTip += QLatin1String("; ") +
                   tr("%1 of them in the range selected on the timeline").arg(locale.toString(shown));
    m_bar->setSummary(tr("%1 of %2").arg(locale.toString(shown), eventCount(total)), toolTip);
}

} // namespace eventscope::gui
