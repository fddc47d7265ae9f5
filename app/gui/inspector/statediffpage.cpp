#include "statediffpage.h"

#include "inspectortreeview.h"
#include "statediffmodel.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace eventscope::gui {

StateDiffPage::StateDiffPage(QWidget* parent)
    : QWidget(parent), m_model(new StateDiffModel(this)), m_summary(new QLabel(this)),
      m_view(new InspectorTreeView(this))
{
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setWordWrap(true);
    m_view->setRootIsDecorated(false);
    m_view->setModel(m_model);
    m_view->setColumnWidthInChars(StateDiffModel::PathColumn, 20);
    m_view->setColumnWidthForText(StateDiffModel::KindColumn, QStringLiteral("removed"));
    m_view->setColumnWidthInChars(StateDiffModel::AColumn, 16);
    m_view->setStretchColumn(StateDiffModel::BColumn);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit pathActivated(m_model->entries()[std::size_t(index.row())].path);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    clear();
}

void StateDiffPage::showDiff(json::Value a, qint64 positionA, json::Value b, qint64 positionB)
{
    m_model->setSides(std::move(a), positionA, std::move(b), positionB);
    const QLocale locale;
    const int count = m_model->rowCount();
    const QString between =
        tr("A at #%1 \u2192 B at #%2").arg(locale.toString(positionA), locale.toString(positionB));
    m_summary->setText(count == 0   ? tr("%1: the states are equal.").arg(between)
                       : count == 1 ? tr("%1: 1 difference.").arg(between)
                                    : tr("%1: %2 differences.").arg(between, locale.toString(count)));
}

void StateDiffPage::clear()
{
    m_model->clear();
    m_summary->setText(tr("Mark the state at one position as A and at another as B, then choose Diff A/B."));
}

} // namespace eventscope::gui
