#include "stateinspector.h"

#include "inspectortreeview.h"
#include "jsondisplay.h"
#include "jsonsearch.h"
#include "jsontreemodel.h"
#include "statediffpage.h"
#include "watchlistmodel.h"
#include "watchpanel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace eventscope::gui {

namespace {

constexpr int searchDelayMs = 200;
constexpr std::size_t matchesExpanded = 50;    // matches whose rows are opened at once; the rest on Enter
constexpr std::size_t changesExpanded = 20;    // changes opened when the first state arrives
constexpr std::size_t expandBelowRows = 5'000; // "Expand all below" stops at the level past this many rows

// How many levels below `value` can be shown without laying out more than maxRows rows: 0 when even
// its own members are too many, -1 when everything fits.
int levelsWithin(const json::Value& value, std::size_t maxRows)
{
    std::vector<const json::Value*> level{&value};
    std::size_t total = 0;
    int levels = 0;
    while (!level.empty()) {
        std::vector<const json::Value*> next;
        for (const json::Value* container : level) {
            total += container->size();
            if (total > maxRows)
                return levels;
            for (std::size_t i = 0; i < container->size(); ++i) {
                const json::Value& child = container->isArray() ? container->at(i) : container->valueAt(i);
                if ((child.isObject() || child.isArray()) && child.size() > 0)
                    next.push_back(&child);
            }
        }
        level = std::move(next);
        ++levels;
    }
    return -1;
}

void expandAncestors(QTreeView* view, const QModelIndex& index)
{
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        view->expand(parent);
}

QLabel* mutedLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

StateInspector::StateInspector(QWidget* parent) : QWidget(parent), m_model(new JsonTreeModel(this))
{
    setWindowTitle(tr("State"));
    createActions();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(createHeader());
    layout->addWidget(createFilterRow());

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createStatePage(), tr("State"));
    m_tabs->addTab(createDiffPage(), tr("A/B Diff"));
    m_tabs->setCornerWidget(createMarkButtons(), Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(searchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, [this] { runSearch(true); });

    updateHeader();
    updateActions();
    updateMarks();
}

StateInspector::~StateInspector() = default;

QWidget* StateInspector::createHeader()
{
    auto* header = new QWidget(this);
    auto* row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(header);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long stream name is cut by the dock rather than widening it.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stepSummary = mutedLabel(header);
    m_partition = new QComboBox(header);
    m_partition->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_partition->setMinimumContentsLength(12);
    m_partition->setToolTip(
        tr("Show the stream of the event at the playhead, the whole state, or one partition"));
    m_partition->addItem(tr("Playhead\u2019s stream"), QVariant()); // followScopeIndex
    m_partition->addItem(tr("Whole state"), QString());
    m_partition->insertSeparator(fixedScopeCount);
    connect(m_partition, &QComboBox::activated, this, [this](int index) {
        if (index == followScopeIndex)
            emit followRequested();
        else
            emit partitionRequested(m_partition->itemData(index).toString());
    });
    row->addWidget(m_title, 1);
    row->addWidget(m_stepSummary);
    row->addWidget(m_partition);
    return header;
}

QWidget* StateInspector::createFilterRow()
{
    auto* filterRow = new QWidget(this);
    auto* row = new QHBoxLayout(filterRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(filterRow);
    m_filter->setPlaceholderText(tr("Find a key or value"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Opens the tree at every match; Enter moves to the next one"));
    m_matchLabel = mutedLabel(filterRow);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_searchDelay.isActive()) {
            m_searchDelay.stop();
            runSearch(true);
        } else if (!m_matches.empty()) {
            showMatch((m_matchCursor + 1) % int(m_matches.size()));
        }
    });
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    addAction(find);
    row->addWidget(m_filter, 1);
    row->addWidget(m_matchLabel);
    return filterRow;
}

QWidget* StateInspector::createStatePage()
{
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);

    m_tree = new InspectorTreeView(m_splitter);
    m_tree->setModel(m_model);
    m_tree->setColumnWidthInChars(JsonTreeModel::KeyColumn, 16);
    m_tree->setColumnWidthForText(JsonTreeModel::TypeColumn, QStringLiteral("number"));
    m_tree->setColumnWidthInChars(JsonTreeModel::PreviousColumn, 10);
    m_tree->setStretchColumn(JsonTreeModel::ValueColumn);
    m_tree->setOptionalColumns({JsonTreeModel::TypeColumn, JsonTreeModel::PreviousColumn});
    // The header's sections follow the model's order, and Previous is more useful beside Value.
    m_tree->header()->moveSection(JsonTreeModel::PreviousColumn, JsonTreeModel::TypeColumn);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &StateInspector::showTreeMenu);
    connect(m_tree, &QAbstractItemView::activated, this,
            [this](const QModelIndex& index) { emit pathActivated(m_model->pathForIndex(index)); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &StateInspector::updateActions);

    m_watch = new WatchPanel(m_splitter);
    connect(m_watch, &WatchPanel::pathActivated, this, [this](const json::Path& path) {
        revealPath(path);
        emit pathActivated(path);
    });
    connect(m_watch, &WatchPanel::expandedChanged, this, [this](bool expanded) {
        if (expanded) {
            const int total = m_splitter->height();
            m_splitter->setSizes({total * 3 / 4, total / 4});
        }
    });
    connect(m_watch->model(), &QAbstractItemModel::rowsRemoved, this, &StateInspector::updateActions);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_watch);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    return m_splitter;
}

QWidget* StateInspector::createDiffPage()
{
    m_diffPage = new StateDiffPage(this);
    connect(m_diffPage, &StateDiffPage::pathActivated, this, [this](const json::Path& path) {
        if (revealPath(path))
            m_tabs->setCurrentIndex(0);
        emit pathActivated(path);
    });
    return m_diffPage;
}

QWidget* StateInspector::createMarkButtons()
{
    auto* buttons = new QWidget(this);
    auto* row = new QHBoxLayout(buttons);
    row->setContentsMargins(0, 0, 0, 2);
    row->setSpacing(2);
    auto makeButton = [&](const QString& text) {
        auto* button = new QToolButton(buttons);
        button->setText(text);
        button->setAutoRaise(true);
        row->addWidget(button);
        return button;
    };
    m_markA = makeButton(tr("Mark A"));
    m_markB = makeButton(tr("Mark B"));
    m_diffButton = makeButton(tr("Diff A/B"));
    connect(m_markA, &QToolButton::clicked, this, [this] { emit markRequested('A'); });
    connect(m_markB, &QToolButton::clicked, this, [this] { emit markRequested('B'); });
    connect(m_diffButton, &QToolButton::clicked, this, &StateInspector::showDiff);
    return buttons;
}

void StateInspector::createActions()
{
    m_pinAction = new QAction(tr("Pin Path"), this);
    m_copyPathAction = new QAction(tr("Copy Path"), this);
    m_copyValueAction = new QAction(tr("Copy Value as JSON"), this);
    m_expandBelowAction = new QAction(tr("Expand All Below"), this);
    connect(m_pinAction, &QAction::triggered, this, [this] {
        const QModelIndex index = m_tree->currentIndex();
        if (!index.isValid())
            return;
        m_watch->model()->pin(m_model->pathForIndex(index));
        m_watch->setExpanded(true);
        updateActions();
    });
    connect(m_copyPathAction, &QAction::triggered, this, [this] {
        if (m_tree->currentIndex().isValid())
            QGuiApplication::clipboard()->setText(json::formatPath(currentPath()));
    });
    connect(m_copyValueAction, &QAction::triggered, this, [this] {
        const QModelIndex index = m_tree->currentIndex();
        if (index.isValid()) {
            const QByteArray text = json::toJson(m_model->valueAt(index), json::Format::Indented);
            QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
        }
    });
    connect(m_expandBelowAction, &QAction::triggered, this, [this] { expandBelow(m_tree->currentIndex()); });
}

void StateInspector::showTreeMenu(const QPoint& pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_pinAction);
    menu.addSeparator();
    menu.addAction(m_copyPathAction);
    menu.addAction(m_copyValueAction);
    menu.addSeparator();
    menu.addAction(m_expandBelowAction);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

json::Path StateInspector::currentPath() const
{
    return m_model->pathForIndex(m_tree->currentIndex());
}

void StateInspector::updateActions()
{
    const QModelIndex index = m_tree->currentIndex();
    const bool valid = index.isValid();
    m_pinAction->setEnabled(valid && !m_watch->model()->isPinned(currentPath()));
    m_copyPathAction->setEnabled(valid);
    m_copyValueAction->setEnabled(valid);
    m_expandBelowAction->setEnabled(valid && m_model->hasChildren(index.siblingAtColumn(0)));
}

void StateInspector::setReplayResult(const replay::StateResult& result)
{
    const bool first = !m_hasResult;
    m_hasResult = true;
    m_position = result.position;
    m_partitionName = result.partition;
    m_stepSize = result.lastStep.size();

    m_model->setState(result.state, result.lastStep);
    m_watch->model()->setState(result.state, result.previous);
    if (first) {
        // Open the way to what the step changed, once: later results keep what the user opened.
        for (std::size_t i = 0; i < std::min(changesExpanded, result.lastStep.size()); ++i)
            expandAncestors(m_tree, m_model->indexForPath(result.lastStep[i].path));
    }

    const QSignalBlocker blocker(m_partition);
    int item = m_following ? followScopeIndex : m_partition->findData(result.partition);
    if (item < 0) {
        m_partition->addItem(result.partition, result.partition);
        item = m_partition->count() - 1;
    }
    m_partition->setCurrentIndex(item);

    if (!m_filter->text().trimmed().isEmpty() && !m_searchDelay.isActive())
        runSearch(false);
    setPending(false);
    updateHeader();
    updateActions();
}

void StateInspector::setProjectionName(const QString& name)
{
    m_projectionName = name;
    updateHeader();
}

void StateInspector::setPartitions(const QStringList& partitions)
{
    const QSignalBlocker blocker(m_partition);
    const QVariant current = m_partition->currentData();
    while (m_partition->count() > fixedScopeCount + 1) // the separator stays
        m_partition->removeItem(fixedScopeCount + 1);
    for (const QString& partition : partitions)
        m_partition->addItem(partition, partition);
    const int item = current.isValid() ? m_partition->findData(current) : followScopeIndex;
    m_partition->setCurrentIndex(item < 0 ? followScopeIndex + 1 : item);
}

void StateInspector::setFollowing(bool following)
{
    m_following = following;
    if (following) {
        const QSignalBlocker blocker(m_partition);
        m_partition->setCurrentIndex(followScopeIndex);
    }
    updateHeader();
}

void StateInspector::setSide(char which, json::Value state, qint64 position)
{
    (which == 'B' ? m_sideB : m_sideA) = Side{std::move(state), position};
    updateMarks();
    // A diff on screen follows its marks.
    if (m_tabs->currentIndex() == 1 && m_sideA && m_sideB)
        showDiff();
}

bool StateInspector::showDiff()
{
    if (!m_sideA || !m_sideB)
        return false;
    m_diffPage->showDiff(m_sideA->state, m_sideA->position, m_sideB->state, m_sideB->position);
    m_tabs->setCurrentIndex(1);
    return true;
}

void StateInspector::setPending(bool pending)
{
    m_tree->setPending(pending);
}

bool StateInspector::isPending() const
{
    return m_tree->isPending();
}

void StateInspector::clear()
{
    m_hasResult = false;
    m_stepSize = 0;
    m_model->setState(json::Value::object(), {});
    m_watch->model()->setState({}, {});
    m_diffPage->clear();
    m_sideA.reset();
    m_sideB.reset();
    m_matches.clear();
    m_matchCursor = -1;
    m_matchLabel->clear();
    setPending(false);
    updateHeader();
    updateMarks();
    updateActions();
}

QString StateInspector::headerText() const
{
    if (!m_hasResult)
        return tr("No state yet");
    const QString scope = m_partitionName.isEmpty() ? tr("Whole state") : m_partitionName;
    QString text = tr("%1 at #%2").arg(scope, QLocale().toString(m_position));
    if (!m_projectionName.isEmpty())
        text += QStringLiteral(" \u00b7 ") + m_projectionName;
    return text;
}

void StateInspector::updateHeader()
{
    if (!m_hasResult) {
        m_title->setText(tr("No state yet \u2014 move the playhead to replay to a position").toHtmlEscaped());
        m_title->setForegroundRole(QPalette::PlaceholderText);
        m_stepSummary->clear();
        return;
    }
    m_title->setForegroundRole(QPalette::WindowText);
    const QString scope = m_partitionName.isEmpty() ? tr("Whole state") : m_partitionName;
    QString html = QStringLiteral("<b>") + scope.toHtmlEscaped() + QStringLiteral("</b> ") +
                   tr("at #%1").arg(QLocale().toString(m_position)).toHtmlEscaped();
    if (!m_projectionName.isEmpty())
        html += QStringLiteral(" \u00b7 ") + m_projectionName.toHtmlEscaped();
    m_title->setText(html);
    m_title->setToolTip(headerText());
    m_stepSummary->setText(m_stepSize == 0   ? tr("no change")
                           : m_stepSize == 1 ? tr("1 change")
                                             : tr("%1 changes").arg(QLocale().toString(qint64(m_stepSize))));
}

void StateInspector::updateMarks()
{
    const QLocale locale;
    auto describe = [&](const std::optional<Side>& side, const QString& name) {
        return side ? tr("%1 is the state at #%2").arg(name, locale.toString(side->position))
                    : tr("Remember the state at the playhead as %1").arg(name);
    };
    m_markA->setToolTip(describe(m_sideA, QStringLiteral("A")));
    m_markB->setToolTip(describe(m_sideB, QStringLiteral("B")));
    m_diffButton->setEnabled(m_sideA && m_sideB);
    m_diffButton->setToolTip(tr("Compare the states marked A and B"));
}

void StateInspector::runSearch(bool moveToFirst)
{
    const QString needle = m_filter->text().trimmed();
    m_matches.clear();
    m_matchCursor = -1;
    if (needle.isEmpty()) {
        m_matchLabel->clear();
        return;
    }
    JsonSearchResult result = searchJson(m_model->state(), needle);
    m_matches = std::move(result.matches);
    m_matchesComplete = result.complete;
    for (std::size_t i = 0; i < std::min(matchesExpanded, m_matches.size()); ++i)
        expandAncestors(m_tree, m_model->indexForPath(m_matches[i]));
    if (moveToFirst && !m_matches.empty())
        showMatch(0);
    else
        m_matchLabel->setText(m_matches.empty()       ? tr("No matches")
                              : m_matches.size() == 1 ? tr("1 match")
                                                      : tr("%1 matches").arg(m_matches.size()));
}

void StateInspector::showMatch(int which)
{
    m_matchCursor = which;
    revealPath(m_matches[std::size_t(which)]);
    const QString total =
        QLocale().toString(qint64(m_matches.size())) + (m_matchesComplete ? QString() : QStringLiteral("+"));
    m_matchLabel->setText(tr("%1 of %2").arg(which + 1).arg(total));
}

bool StateInspector::revealPath(const json::Path& path)
{
    const QModelIndex index = m_model->indexForPath(path);
    if (!index.isValid())
        return false;
    expandAncestors(m_tree, index);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void StateInspector::expandBelow(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    const QModelIndex key = index.siblingAtColumn(JsonTreeModel::KeyColumn);
    const int levels = levelsWithin(m_model->valueAt(key), expandBelowRows);
    if (levels == 0)
        m_tree->expand(key);
    else
        m_tree->expandRecursively(key, levels < 0 ? -1 : levels - 1);
}

StateDiffModel* StateInspector::diffModel() const
{
    return m_diffPage->model();
}

WatchListModel* StateInspector::watchModel() const
{
    return m_watch->model();
}

} // namespace eventscope::gui
