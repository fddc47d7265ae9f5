#include "bookmarkspanel.h"

#include "bookmarksmodel.h"
#include "eventstore.h"
#include "investigation/bookmarks.h"

#include <QAction>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace eventscope::gui {

BookmarksPanel::BookmarksPanel(QWidget* parent)
    : QWidget(parent), m_model(new BookmarksModel(this)), m_view(new QTableView(this))
{
    m_add = new QAction(tr("Add Bookmark"), this);
    m_add->setToolTip(tr("Bookmark the event at the playhead (Ctrl+B)"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_remove = new QAction(tr("Remove"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetShortcut);
    m_previous = new QAction(tr("Previous Bookmark"), this);
    m_previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_next = new QAction(tr("Next Bookmark"), this);
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

    auto* tools = new QToolBar(this);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->setIconSize(QSize(16, 16));
    tools->addAction(m_add);
    tools->addAction(m_remove);
    tools->addSeparator();
    tools->addAction(m_previous);
    tools->addAction(m_next);

    m_view->setModel(m_model);
    m_view->addAction(m_remove);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(BookmarksModel::PositionColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(BookmarksModel::TimeColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(tools);
    layout->addWidget(m_view);

    connect(m_add, &QAction::triggered, this, &BookmarksPanel::addRequested);
    connect(m_remove, &QAction::triggered, this, &BookmarksPanel::removeCurrent);
    connect(m_next, &QAction::triggered, this, [this] { emit stepRequested(1); });
    connect(m_previous, &QAction::triggered, this, [this] { emit stepRequested(-1); });
    connect(m_view, &QTableView::doubleClicked, this, &BookmarksPanel::activate);
    connect(m_view, &QTableView::activated, this, &BookmarksPanel::activate);
    connect(m_model, &BookmarksModel::bookmarksChanged, this, &BookmarksPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BookmarksPanel::updateActions);
    updateActions();
}

BookmarksPanel::~BookmarksPanel()
{
    // The model outlives m_bookmarks by a moment (it is a child): detach it, quietly, since the
    // window listening to it may be going too.
    const QSignalBlocker quiet(m_model);
    m_model->setBookmarks(nullptr);
}

void BookmarksPanel::setWorkspace(Workspace* workspace, EventStore* store)
{
    m_store = store;
    m_model->setBookmarks(nullptr);
    m_bookmarks = workspace ? std::make_unique<Bookmarks>(*workspace) : nullptr;
    m_model->setBookmarks(m_bookmarks.get(), [this](qint64 position) -> std::optional<qint64> {
        if (!m_store || position < 1)
            return std::nullopt;
        return m_store->timeAtPosition(position);
    });
}

void BookmarksPanel::addBookmark(qint64 position)
{
    const QModelIndex note = m_model->add(position, QString());
    if (!note.isValid())
        return;
    m_view->setCurrentIndex(note);
    m_view->scrollTo(note);
    m_view->setFocus();
    m_view->edit(note);
}

bool BookmarksPanel::jumpFrom(qint64 position, int direction)
{
    const auto& rows = m_model->bookmarks();
    std::optional<qint64> target;
    int targetRow = -1;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const qint64 at = rows[row].position;
        if (direction > 0 && at > position) {
            target = at;
            targetRow = int(row);
            break;
        }
        if (direction < 0 && at < position) {
            target = at;
            targetRow = int(row);
        }
    }
    if (!target)
        return false;
    m_view->setCurrentIndex(m_model->index(targetRow, BookmarksModel::NoteColumn));
    emit positionRequested(*target);
    return true;
}

void BookmarksPanel::activate(const QModelIndex& index)
{
    if (index.isValid())
        emit positionRequested(m_model->bookmarks()[std::size_t(index.row())].position);
}

void BookmarksPanel::removeCurrent()
{
    m_model->remove(m_view->currentIndex());
}

void BookmarksPanel::updateActions()
{
    const bool open = m_bookmarks != nullptr;
    const bool any = m_model->rowCount() > 0;
    m_add->setEnabled(open);
    m_remove->setEnabled(open && m_view->currentIndex().isValid());
    m_next->setEnabled(any);
    m_previous->setEnabled(any);
}

} // namespace eventscope::gui
