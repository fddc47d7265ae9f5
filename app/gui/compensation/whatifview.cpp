#include "whatifview.h"

#include "inspector/inspectortreeview.h"
#include "inspector/statediffmodel.h"
#include "replay/projection.h"
#include "replay/stateexpression.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
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

} // namespace

WhatIfView::WhatIfView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_invariants(new QTreeWidget(this)),
      m_expressions(new QTreeWidget(this)), m_diffModel(new StateDiffModel(this)),
      m_diffView(new InspectorTreeView(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_invariants->setRootIsDecorated(false);
    m_invariants->setHeaderLabels({tr("Invariant"), tr("Actual"), tr("With the drafts")});
    m_invariants->header()->setStretchLastSection(true);
    m_expressions->setRootIsDecorated(false);
    m_expressions->setHeaderLabels({tr("Chart expression"), tr("Actual"), tr("With the drafts")});
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

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_invariants);
    split->addWidget(m_expressions);
    split->addWidget(m_diffView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    m_expressions->hide();
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
}

void WhatIfView::showResult(const compensation::WhatIfResult& result, const QString& projectionName)
{
    m_result = result;
    m_hasResult = true;
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
    m_invariants->resizeColumnToContents(0);
    m_invariants->resizeColumnToContents(1);
    m_diffModel->setSides(result.actual, result.actualPosition, result.corrected, result.correctedPosition);
    m_diffModel->setSideLabels(tr("Actual (#%1)").arg(locale.toString(result.actualPosition)),
                               tr("With the drafts (#%1)").arg(locale.toString(result.correctedPosition)));
    QString text = tr("%1 drafts appended after #%2, folded through %3%4: %5 differences.")
                       .arg(locale.toString(drafts), locale.toString(result.actualPosition), projectionName,
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
        return;
    }
    for (const QString& source : m_expressionSources) {
        QStringList row{source};
        try {
            replay::StateExpression expression(source);
            row << valueText(expression.evaluate(m_result.actual))
                << valueText(expression.evaluate(m_result.corrected));
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
    m_expressions->resizeColumnToContents(0);
    m_expressions->show();
}

} // namespace eventscope::gui
