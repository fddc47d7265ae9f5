#include "draftsmodel.h"

#include "timeformat.h"

#include <QApplication>
#include <QPalette>

namespace eventscope::gui {

using compensation::Draft;
using compensation::DraftStatus;

DraftsModel::DraftsModel(QObject* parent) : QAbstractTableModel(parent) {}

void DraftsModel::setDrafts(std::vector<Draft> drafts)
{
    beginResetModel();
    m_drafts = std::move(drafts);
    endResetModel();
}

const Draft* DraftsModel::draftAt(int row) const
{
    return row >= 0 && row < int(m_drafts.size()) ? &m_drafts[std::size_t(row)] : nullptr;
}

int DraftsModel::rowOf(qint64 id) const
{
    for (std::size_t i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts[i].id == id)
            return int(i);
    }
    return -1;
}

int DraftsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_drafts.size());
}

int DraftsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DraftsModel::data(const QModelIndex& index, int role) const
{
    const Draft* d = index.isValid() ? draftAt(index.row()) : nullptr;
    if (!d)
        return {};
    if (role == DraftIdRole)
        return d->id;
    if (role == OriginPositionRole)
        return d->originPosition;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StatusColumn:
            if (!d->conflict.isEmpty())
                return tr("conflict");
            return compensation::statusName(d->status);
        case StreamColumn:
            return d->stream;
        case TypeColumn:
            return d->type;
        case CompensatesColumn:
            return d->originPosition > 0 ? tr("#%1 %2").arg(d->originPosition).arg(d->originType) : QString();
        case ReasonColumn:
            return d->reason;
        case AuthorColumn:
            return d->author;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1 on %2, drafted by %3 at %4 (%5)")
                          .arg(d->type, d->stream, d->author, formatTimestamp(d->createdUs),
                               d->origin.isEmpty() ? tr("by hand") : d->origin);
        if (!d->conflict.isEmpty())
            tip += QLatin1Char('\n') + tr("Last append failed: %1").arg(d->conflict);
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        const QPalette palette = QApplication::palette();
        if (!d->conflict.isEmpty())
            return QColor(0xc0, 0x39, 0x2b);
        if (d->status != DraftStatus::Draft)
            return palette.color(QPalette::PlaceholderText);
    }
    if (role == Qt::ForegroundRole && d->status == DraftStatus::Appended)
        return QApplication::palette().color(QPalette::PlaceholderText);
    return {};
}

QVariant DraftsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case StreamColumn:
        return tr("Stream");
    case TypeColumn:
        return tr("Type");
    case CompensatesColumn:
        return tr("Compensates");
    case ReasonColumn:
        return tr("Reason");
    case AuthorColumn:
        return tr("Author");
    default:
        return {};
    }
}

} // namespace eventscope::gui
