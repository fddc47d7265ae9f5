#include "streamspanel.h"

#include "attachedstore.h"
#include "eventstore.h"
#include "sharebardelegate.h"
#include "streamsmodel.h"
#include "typebreakdownmodel.h"
#include "workspace.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

void setUpListView(QTreeView* view)
{
    view->setRootIsDecorated(false);
    view->setItemsExpandable(false);
    view->setUniformRowHeights(true); // 200,000 rows: heights are never measured one by one
    view->setAllColumnsShowFocus(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTextElideMode(Qt::ElideMiddle); // stream names differ at their ends
    view->setFrameShape(QFrame::NoFrame);
    view->header()->setHighlightSections(false);
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
}

int textWidth(const QWidget* widget, QStringView sample)
{
    return widget->fontMetrics().horizontalAdvance(sample.toString()) + 16;
}

} // namespace

StreamsPanel::StreamsPanel(QWidget* parent)
    : QWidget(parent), m_model(new StreamsModel(this)), m_breakdown(new TypeBreakdownModel(this)),
      m_search(new QLineEdit(this)), m_count(new QLabel(this)), m_view(new QTreeView(this))
{
    createActions();

    m_search->setPlaceholderText(tr("Search streams"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Shows the streams whose name contains the text, ignoring case. "
                            "Enter selects the first one."));
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        const QString selected = m_breakdownStream;
        m_model->setFilterText(text);
        // The stream stays selected while it is shown: it was not the user's new choice.
        if (!selected.isEmpty())
            makeCurrent(selected);
        updateCount();
        updateActions();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_model->rowCount() == 0)
            return;
        m_view->setCurrentIndex(m_model->index(0, 0));
        m_view->setFocus();
    });

    m_loader.setMaxThreadCount(1);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred); // the search field gives way

    setUpListView(m_view);
    m_view->setModel(m_model);
    m_view->header()->setSortIndicator(StreamsModel::StreamColumn, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(StreamsModel::StreamColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(StreamsModel::CategoryColumn, textWidth(this, u"inventory"));
    for (int column : {StreamsModel::EventsColumn, StreamsModel::LastVersionColumn})
        m_view->setColumnWidth(column, textWidth(this, u"Version"));
    for (int column : {StreamsModel::FirstPositionColumn, StreamsModel::LastPositionColumn})
        m_view->setColumnWidth(column, textWidth(this, u"1,000,000"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &StreamsPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (const StreamSummary* stream = m_model->streamAt(index.row()))
            emit positionRequested(stream->firstPosition);
    });
    // After a sort the selected stream is somewhere else: keep it in sight.
    connect(m_view->header(), &QHeaderView::sortIndicatorChanged, this, [this] {
        if (m_view->currentIndex().isValid())
            m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
    });

    auto* searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(4, 4, 6, 4);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_count);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addLayout(searchRow);
    topLayout->addWidget(m_view, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(createBreakdown());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    updateBreakdown({});
    updateCount();
    updateActions();
}

StreamsPanel::~StreamsPanel()
{
    ++m_generation; // a load still running delivers nothing
    m_loader.waitForDone();
}

QWidget* StreamsPanel::createBreakdown()
{
    auto* box = new QWidget(this);
    m_breakdownTitle = new QLabel(box);
    m_breakdownTitle->setContentsMargins(6, 4, 6, 2);
    m_breakdownTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_breakdownView = new QTreeView(box);
    setUpListView(m_breakdownView);
    m_breakdownView->setModel(m_breakdown);
    m_breakdownView->setItemDelegateForColumn(TypeBreakdownModel::ShareColumn,
                                              new ShareBarDelegate(TypeBreakdownModel::ShareRole, this));
    m_breakdownView->header()->setSectionResizeMode(TypeBreakdownModel::TypeColumn, QHeaderView::Stretch);
    m_breakdownView->header()->setStretchLastSection(false);
    m_breakdownView->setColumnWidth(TypeBreakdownModel::CountColumn, textWidth(this, u"Events00"));
    m_breakdownView->setColumnWidth(TypeBreakdownModel::ShareColumn, textWidth(this, u"Share000000"));
    m_breakdownView->setToolTip(tr("Double-click a type to go to the stream's first event of that type"));
    connect(m_breakdownView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (!m_store || m_breakdownStream.isEmpty())
            return;
        EventSelection selection;
        selection.stream = m_breakdownStream;
        selection.type = index.data(TypeBreakdownModel::TypeRole).toString();
        selection.limit = 1;
        const std::vector<qint64> first = m_store->filteredPositions(selection);
        if (!first.empty())
            emit positionRequested(first.front());
    });

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_breakdownTitle);
    layout->addWidget(m_breakdownView, 1);
    return box;
}

void StreamsPanel::createActions()
{
    m_goToFirst = new QAction(tr("Go to First Event"), this);
    m_goToLast = new QAction(tr("Go to Last Event"), this);
    m_copyName = new QAction(tr("Copy Stream Name"), this);
    const auto current = [this] { return m_model->streamAt(m_view->currentIndex().row()); };
    connect(m_goToFirst, &QAction::triggered, this, [this, current] {
        if (const StreamSummary* stream = current())
            emit positionRequested(stream->firstPosition);
    });
    connect(m_goToLast, &QAction::triggered, this, [this, current] {
        if (const StreamSummary* stream = current())
            emit positionRequested(stream->lastPosition);
    });
    connect(m_copyName, &QAction::triggered, this, [current] {
        if (const StreamSummary* stream = current())
            QGuiApplication::clipboard()->setText(stream->stream);
    });
}

void StreamsPanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_goToFirst);
    menu.addAction(m_goToLast);
    menu.addSeparator();
    menu.addAction(m_copyName);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

StreamsPanel::StreamsLoader StreamsPanel::workspaceLoader(const QString& path)
{
    return [path] {
        Workspace workspace(path, Workspace::OpenMode::ReadOnly);
        return openEventStore(workspace)->streams();
    };
}

void StreamsPanel::setStore(EventStore* store, StreamsLoader load)
{
    m_store = store;
    m_load = store ? std::move(load) : StreamsLoader();
    m_breakdownStream.clear();
    m_pendingSelection.clear();
    refresh();
}

void StreamsPanel::refresh()
{
    const quint64 generation = ++m_generation;
    m_loadError.clear();
    if (!m_store || !m_load) {
        m_loading = false;
        applyStreams(StreamsModel::prepare(m_store ? m_store->streams() : std::vector<StreamSummary>{}));
        return;
    }
    m_loading = true;
    updateCount();
    m_loader.start([this, load = m_load, generation] {
        auto prepared = std::make_shared<PreparedStreams>();
        QString error;
        try {
            *prepared = StreamsModel::prepare(load());
        } catch (const WorkspaceError& e) {
            error = e.message();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        // Queued to the panel's thread; the destructor waits for this task, and a queued call to a
        // deleted panel is dropped with it.
        QMetaObject::invokeMethod(
            this,
            [this, generation, prepared, error] {
                if (generation != m_generation)
                    return; // a newer refresh is on its way
                m_loading = false;
                m_loadError = error;
                applyStreams(std::move(*prepared));
            },
            Qt::QueuedConnection);
    });
}

void StreamsPanel::applyStreams(PreparedStreams streams)
{
    const QString selected = m_pendingSelection.isEmpty() ? m_breakdownStream : m_pendingSelection;
    m_pendingSelection.clear();
    m_model->setPrepared(std::move(streams));
    m_breakdownStream.clear();
    if (!selected.isEmpty() && makeCurrent(selected))
        updateBreakdown(selected);
    else
        updateBreakdown({});
    updateCount();
    updateActions();
}

bool StreamsPanel::selectStream(const QString& stream)
{
    if (m_loading && m_model->totalCount() == 0) {
        m_pendingSelection = stream;
        return false;
    }
    if (m_model->rowOfStream(stream) < 0 && !m_model->filterText().isEmpty()) {
        const QString search = m_search->text();
        m_search->clear();
        if (m_model->rowOfStream(stream) < 0) {
            m_search->setText(search); // not a stream of this workspace: leave the search as it was
            return false;
        }
    }
    if (!makeCurrent(stream))
        return false;
    updateBreakdown(stream);
    return true;
}

QString StreamsPanel::selectedStream() const
{
    return m_breakdownStream;
}

bool StreamsPanel::makeCurrent(const QString& stream)
{
    const int row = m_model->rowOfStream(stream);
    if (row < 0)
        return false;
    const bool wasSyncing = m_syncing;
    m_syncing = true;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    // Centred, with the rows around it in sight, rather than at the bottom edge.
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_syncing = wasSyncing;
    return true;
}

void StreamsPanel::onCurrentChanged(const QModelIndex& current)
{
    updateActions();
    const QString stream = current.data(StreamsModel::StreamRole).toString();
    if (stream.isEmpty() || stream == m_breakdownStream)
        return;
    updateBreakdown(stream);
    if (!m_syncing)
        emit streamSelected(stream);
}

void StreamsPanel::updateBreakdown(const QString& stream)
{
    m_breakdownStream = stream;
    if (stream.isEmpty() || !m_store) {
        m_breakdown->clear();
        m_breakdownTitle->setText(tr("Select a stream to see its event types."));
        m_breakdownTitle->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    m_breakdown->setCounts(m_store->streamTypeCounts(stream));
    m_breakdownTitle->setForegroundRole(QPalette::WindowText);
    const QLocale locale;
    const qint64 events = m_breakdown->total();
    const int types = m_breakdown->rowCount();
    m_breakdownTitle->setText(
        QStringList{stream, events == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(events)),
                    types == 1 ? tr("1 type") : tr("%1 types").arg(locale.toString(types))}
            .join(QStringLiteral(" \u00b7 ")));
}

void StreamsPanel::updateCount()
{
    m_count->setToolTip(m_loadError);
    if (m_loading && m_model->totalCount() == 0) {
        m_count->setText(tr("Loading streams\u2026"));
        return;
    }
    if (!m_loadError.isEmpty()) {
        m_count->setText(tr("Streams not read"));
        return;
    }
    const QLocale locale;
    const int total = m_model->totalCount();
    const int shown = m_model->rowCount();
    if (m_model->filterText().trimmed().isEmpty())
        m_count->setText(total == 1 ? tr("1 stream") : tr("%1 streams").arg(locale.toString(total)));
    else
        m_count->setText(tr("%1 of %2").arg(locale.toString(shown), locale.toString(total)));
}

void StreamsPanel::updateActions()
{
    const bool hasCurrent = m_model->streamAt(m_view->currentIndex().row()) != nullptr;
    for (QAction* action : {m_goToFirst, m_goToLast, m_copyName})
        action->setEnabled(hasCurrent);
}

bool StreamsPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Down from the search field walks into the list, as in a browser's address bar.
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down && m_model->rowCount() > 0) {
        if (!m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_model->index(0, 0));
        m_view->setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString StreamsPanel::countText() const
{
    return m_count->text();
}

QString StreamsPanel::breakdownTitle() const
{
    return m_breakdownTitle->text();
}

} // namespace eventscope::gui
