#include "whatifview.h"

#include "inspector/inspectortreeview.h"
#include "inspector/statediffmodel.h"
#include "replay/projection.h"
#include "replay/stateexpression.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

const QColor violatedColor(0xc0, 0x39, 0x2b);
const QColor holdsColor(0x2e, 0x8b, 0x57);

QString sideText(const QStringList& violated)
{
    if (violated.isEmpty())
        return WhatIfView::tr("holds");
    if (violated.size() == 1 && violated.first().isEmpty())
        return WhatIfView::tr("violated");
    if (violated.size() == 1)
        return WhatIfView::tr("violated for %1").arg(violated.first());
    return WhatIfView::tr("violated for %1 partitions").arg(QLocale().toString(violated.size()));
}

QString valueText(const json::Value& value)
{
    return QString::fromUtf8(json::toJson(value));
}

// A short list takes the height of its rows (up to `maxRows`), leaving the rest to the diff.
void fitHeight(QTreeWidget* tree, int maxRows)
{
    const int rows = std::min(tree->topLevelItemCount(), maxRows);
    const int row = tree->topLevelItemCount() > 0 ? tree->sizeHintForRow(0) : tree->fontMetrics().height();
    tree->setFixedHeight(tree->header()->sizeHint().height() + std::max(rows, 1) * row +
                         2 * tree->frameWidth() + 2);
}

} // namespace

WhatIfView::WhatIfView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)),
      m_inspect(new QPushButton(tr("Show in the State Dock"), this)), m_invariants(new QTreeWidget(this)),
      m_expressions(new QTreeWidget(this)), m_diffModel(new StateDiffModel(this)),
      m_diffView(new InspectorTreeView(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_invariants->setRootIsDecorated(false);
    m_invariants->setHeaderLabels({tr("Invariant"), tr("Actual"), tr("With the drafts")});
    m_expressions->setRootIsDecorated(false);
    m_expressions->setHeaderLabels({tr("Chart expression"), tr("Actual"), tr("With the drafts")});
    for (QTreeWidget* tree : {m_invariants, m_expressions}) {
        // Names elide rather than scroll: a scroll bar would hide the rows the list is sized for.
        tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        tree->header()->setStretchLastSection(false);
        tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    }
    m_diffModel->setSideLabels(tr("Actual"), tr("With the drafts"));
    m_diffView->setRootIsDecorated(false);
    m_diffView->setModel(m_diffModel);
    m_diffView->setColumnWidthInChars(StateDiffModel::PathColumn, 22);
    m_diffView->setColumnWidthForText(StateDiffModel::KindColumn, QStringLiteral("removed"));
    m_diffView->setColumnWidthInChars(StateDiffModel::AColumn, 14);
    m_diffView->setStretchColumn(StateDiffModel::BColumn);
    connect(m_diffView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit pathActivated(m_diffModel->entries()[std::size_t(index.row())].path);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_inspect, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_invariants);
    layout->addWidget(m_expressions);
    layout->addWidget(m_diffView, 1);
    m_expressions->hide();
    m_inspect->setToolTip(
        tr("The actual and the corrected state as the State dock's A and B, with their diff"));
    connect(m_inspect, &QPushButton::clicked, this, [this] {
        if (m_hasResult)
            emit inspectRequested(m_result.actual, m_result.actualPosition, m_result.corrected,
                                  m_result.correctedPosition);
    });
    showMessage(tr("Preview shows the state with the drafts appended to the log beside the actual state, and "
                   "the invariants on both."));
}

QString WhatIfView::summary() const
{
    return m_summary->text();
}

void WhatIfView::setExpressions(const QStringList& expressions)
{
    m_expressionSources = expressions;
    fillExpressions();
}

void WhatIfView::showBusy(const QString& what)
{
    m_summary->setText(what);
    m_diffView->setPending(true);
}

void WhatIfView::showMessage(const QString& message)
{
    m_hasResult = false;
    m_summary->setText(message);
    m_invariants->clear();
    m_expressions->clear();
    m_expressions->hide();
    m_diffModel->clear();
    m_diffView->setPending(false);
    m_inspect->setEnabled(false);
    emit chartValuesChanged({}, 0);
}

void WhatIfView::showResult(const compensation::WhatIfResult& result, const QString& projectionName)
{
    m_result = result;
    m_hasResult = true;
    m_inspect->setEnabled(true);
    m_diffView->setPending(false);
    const QLocale locale;
    const qint64 drafts = result.correctedPosition - result.actualPosition;
    int fixed = 0;
    int broken = 0;
    m_invariants->clear();
    for (const compensation::InvariantOutcome& outcome : result.invariants) {
        auto* item = new QTreeWidgetItem(m_invariants, {outcome.name, sideText(outcome.violatedActual),
                                                        sideText(outcome.violatedCorrected)});
        item->setForeground(1, outcome.holdsActual() ? holdsColor : violatedColor);
        item->setForeground(2, outcome.holdsCorrected() ? holdsColor : violatedColor);
        if (!outcome.fixed().isEmpty())
            ++fixed;
        if (!outcome.broken().isEmpty())
            ++broken;
        item->setToolTip(
            2, outcome.fixed().isEmpty()
                   ? QString()
                   : tr("Fixed for: %1").arg(outcome.fixed().mid(0, 20).join(QStringLiteral(", "))));
    }
    m_invariants->setVisible(!result.invariants.empty());
    fitHeight(m_invariants, 6);
    m_diffModel->setSides(result.actual, result.actualPosition, result.corrected, result.correctedPosition);
    m_diffModel->setSideLabels(tr("Actual (#%1)").arg(locale.toString(result.actualPosition)),
                               tr("With the drafts (#%1)").arg(locale.toString(result.correctedPosition)));
    const QString appended =
        drafts == 1 ? tr("1 draft appended") : tr("%1 drafts appended").arg(locale.toString(drafts));
    QString text = tr("%1 after #%2, folded through %3%4: %5 differences.")
                       .arg(appended, locale.toString(result.actualPosition), projectionName,
                            result.partition.isEmpty() ? QString() : tr(" (%1)").arg(result.partition),
                            locale.toString(m_diffModel->rowCount()));
    if (!result.invariants.empty())
        text +=
            QLatin1Char(' ') + tr("Invariants: %1 fixed, %2 broken by the drafts.").arg(fixed).arg(broken);
    m_summary->setText(text);
    fillExpressions();
}

void WhatIfView::fillExpressions()
{
    m_expressions->clear();
    if (!m_hasResult || m_expressionSources.isEmpty() || !m_result.partition.isEmpty()) {
        m_expressions->hide();
        emit chartValuesChanged({}, 0);
        return;
    }
    QHash<QString, json::Value> corrected;
    for (const QString& source : m_expressionSources) {
        QStringList row{source};
        try {
            replay::StateExpression expression(source);
            const json::Value after = expression.evaluate(m_result.corrected);
            row << valueText(expression.evaluate(m_result.actual)) << valueText(after);
            corrected.insert(source, after);
        } catch (const replay::ProjectionError& error) {
            row << error.message << QString();
        }
        auto* item = new QTreeWidgetItem(m_expressions, row);
        if (row.at(1) != row.at(2)) {
            QFont bold = item->font(2);
            bold.setBold(true);
            item->setFont(2, bold);
        }
    }
    fitHeight(m_expressions, 4);
    m_expressions->show();
    emit chartValuesChanged(corrected, m_result.correctedPosition);
}

} // namespace eventscope::gui
