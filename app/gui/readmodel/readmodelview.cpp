#include "readmodelview.h"

#include "inspector/jsondisplay.h"
#include "readmodelmodel.h"
#include "readmodelproxy.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace eventscope::gui {
namespace {

constexpr int filterDelayMs = 150;
constexpr int maxInitialColumnWidth = 280;

} // namespace

ReadModelView::ReadModelView(QWidget* parent)
    : QWidget(parent), m_model(new ReadModelModel(this)), m_proxy(new ReadModelProxy(m_model, this))
{
    setWindowTitle(tr("Read model"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(createHeader());

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ReadModelModel::KeyColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setCornerButtonEnabled(false);
    m_table->verticalHeader()->hide();
    // Rows of one height need no measuring: ten thousand of them lay out as fast as ten.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionsMovable(true);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        json::Path rowPath = m_model->path();
        const QString key = m_model->keyAt(m_proxy->mapToSource(index).row());
        if (m_model->rowsAreIndexes())
            rowPath.emplace_back().step.emplace<std::size_t>(std::size_t(key.toULongLong()));
        else
            rowPath.emplace_back().step.emplace<std::string>(key.toStdString());
        emit rowActivated(rowPath);
    });

    auto* copy = new QAction(tr("Copy Rows"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        // Tab-separated with the header, as spreadsheets paste it; in the order the table shows.
        QModelIndexList rows = m_table->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end(),
                  [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
        if (rows.isEmpty())
            return;
        const QHeaderView* header = m_table->horizontalHeader();
        QStringList lines;
        QStringList cells;
        for (int visual = 0; visual < header->count(); ++visual)
            cells.append(m_proxy->headerData(header->logicalIndex(visual), Qt::Horizontal).toString());
        lines.append(cells.join(QLatin1Char('\t')));
        for (const QModelIndex& row : rows) {
            cells.clear();
            for (int visual = 0; visual < header->count(); ++visual) {
                const QModelIndex cell = m_proxy->index(row.row(), header->logicalIndex(visual));
                cells.append(cell.data(ReadModelModel::JsonRole).toString().remove(QLatin1Char('\t')));
            }
            lines.append(cells.join(QLatin1Char('\t')));
        }
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    });
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setMargin(24);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_table);
    m_pages->addWidget(m_message);
    layout->addWidget(m_pages, 1);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(filterDelayMs);
    connect(&m_filterDelay, &QTimer::timeout, this, [this] { m_proxy->setFilterText(m_filter->text()); });

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &ReadModelView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ReadModelView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ReadModelView::updateCount);
    connect(m_model, &QAbstractItemModel::columnsInserted, this,
            [this](const QModelIndex&, int first, int last) { resizeColumns(first, last); });
    updateCount();
    updatePage();
}

ReadModelView::~ReadModelView() = default;

QWidget* ReadModelView::createHeader()
{
    auto* header = new QWidget(this);
    auto* row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    m_pathCombo = new QComboBox(header);
    m_pathCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pathCombo->setMinimumContentsLength(14);
    m_pathCombo->setToolTip(tr("The part of the state shown as a table: one row per key"));
    connect(m_pathCombo, &QComboBox::activated, this, [this](int index) {
        const std::optional<json::Path> path = json::parsePath(m_pathCombo->itemData(index).toString());
        if (!path)
            return;
        applyPath(*path, false);
        emit pathChosen(pathText());
    });
    m_filter = new QLineEdit(header);
    m_filter->setPlaceholderText(tr("Filter rows: text, or stock < 0 && warehouse == WH-LYON"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(
        tr("Plain text keeps the rows with a cell containing it. Conditions on columns, joined "
           "by &&, query them:\n  stock < 0\n  warehouse == WH-LYON && reserved >= 10\n  key ~ sku-1"
           "\nOperators: == != < <= > >= and ~ (contains); null matches an absent field."));
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_filterDelay.stop();
        m_proxy->setFilterText(m_filter->text());
    });
    m_count = new QLabel(header);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    row->addWidget(m_pathCombo);
    row->addWidget(m_filter, 1);
    row->addWidget(m_count);
    return header;
}

void ReadModelView::setState(const replay::StateResult& result)
{
    m_state = result.state;
    m_lastStep = result.lastStep;
    m_position = result.position;
    m_hasState = true;
    m_candidates = findMapCandidates(m_state);
    const json::Value* current = m_hasPath ? json::lookup(m_state, m_model->path()) : nullptr;
    if (!current)
        m_settled = false;
    else if (m_automatic && current->size() >= settledRows)
        m_settled = true;
    if (m_automatic && !m_settled && !m_candidates.empty() &&
        (!m_hasPath || m_candidates.front().path != m_model->path()))
        applyPath(m_candidates.front().path, true); // sets the state too
    else
        m_model->setState(m_state, m_lastStep);
    updateCandidates();
    updatePage();
}

void ReadModelView::clear()
{
    m_hasState = false;
    m_state = json::Value();
    m_lastStep.clear();
    m_candidates.clear();
    m_model->clear();
    m_columnsSized = false;
    updateCandidates();
    updatePage();
}

json::Path ReadModelView::path() const
{
    return m_model->path();
}

QString ReadModelView::pathText() const
{
    return m_hasPath ? json::formatPath(m_model->path()) : QString();
}

bool ReadModelView::setPathText(const QString& text)
{
    if (text.isEmpty()) {
        m_automatic = true;
        m_settled = false;
        m_hasPath = false;
        if (m_hasState) {
            replay::StateResult again;
            again.position = m_position;
            again.state = m_state;
            again.lastStep = m_lastStep;
            setState(again);
        }
        return true;
    }
    const std::optional<json::Path> path = json::parsePath(text);
    if (!path)
        return false;
    applyPath(*path, false);
    updateCandidates();
    return true;
}

void ReadModelView::applyPath(const json::Path& path, bool automatic)
{
    m_automatic = automatic;
    if (!automatic)
        m_settled = false;
    const bool changed = !m_hasPath || path != m_model->path();
    m_hasPath = true;
    if (changed) {
        m_model->setPath(path);
        m_columnsSized = false;
    }
    if (m_hasState)
        m_model->setState(m_state, m_lastStep);
    updatePage();
}

void ReadModelView::updateCandidates()
{
    const QLocale locale;
    QStringList paths;
    QStringList texts;
    for (const MapCandidate& candidate : m_candidates) {
        paths.append(json::formatPath(candidate.path));
        const QString name = jsondisplay::pathText(candidate.path);
        texts.append(candidate.rows == 1
                         ? tr("%1 · 1 row").arg(name)
                         : tr("%1 · %2 rows").arg(name, locale.toString(qint64(candidate.rows))));
    }
    // The chosen map stays listed while it is not in the state (scrubbed to before it was made).
    if (m_hasPath && !paths.contains(pathText())) {
        paths.append(pathText());
        texts.append(tr("%1 · not in the state").arg(jsondisplay::pathText(m_model->path())));
    }
    QStringList current;
    for (int i = 0; i < m_pathCombo->count(); ++i)
        current.append(m_pathCombo->itemData(i).toString());
    if (current != paths) {
        m_pathCombo->clear();
        for (qsizetype i = 0; i < paths.size(); ++i)
            m_pathCombo->addItem(texts[i], paths[i]);
    } else {
        for (qsizetype i = 0; i < paths.size(); ++i)
            m_pathCombo->setItemText(int(i), texts[i]); // the row counts move with the playhead
    }
    m_pathCombo->setCurrentIndex(m_hasPath ? int(paths.indexOf(pathText())) : -1);
    m_pathCombo->setEnabled(!paths.isEmpty());
}

void ReadModelView::updateCount()
{
    const QLocale locale;
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    if (!m_model->pathFound())
        m_count->clear();
    else if (shown == total)
        m_count->setText(total == 1 ? tr("1 row") : tr("%1 rows").arg(locale.toString(total)));
    else
        m_count->setText(tr("%1 of %2 rows").arg(locale.toString(shown), locale.toString(total)));
}

QString ReadModelView::countText() const
{
    return m_count->text();
}

void ReadModelView::updatePage()
{
    QString message;
    const QLocale locale;
    if (!m_hasState)
        message =
            tr("The read model shows part of the projection state as a table once a workspace is open.");
    else if (!m_hasPath)
        message =
            tr("Nothing in this state reads as a table. A read model is an object whose members are all "
               "objects or all values, one row per key — stock per sku, open orders by id.");
    else if (!m_model->pathFound())
        message = tr("%1 is not in the state at #%2.")
                      .arg(jsondisplay::pathText(m_model->path()), locale.toString(m_position));
    m_message->setText(message);
    m_pages->setCurrentWidget(message.isEmpty() ? static_cast<QWidget*>(m_table) : m_message);
    updateCount();
    if (!m_columnsSized && m_model->rowCount() > 0) {
        resizeColumns(0, m_model->columnCount() - 1);
        m_columnsSized = true;
    }
}

QString ReadModelView::messageText() const
{
    return m_pages->currentWidget() == m_message ? m_message->text() : QString();
}

void ReadModelView::resizeColumns(int first, int last)
{
    // Measured on the rows there are (the header samples at most a thousand), then kept: the columns
    // do not jump as the playhead moves.
    for (int column = first; column <= last; ++column) {
        m_table->resizeColumnToContents(column);
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), maxInitialColumnWidth));
    }
}

} // namespace eventscope::gui
