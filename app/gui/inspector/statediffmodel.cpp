#include "statediffmodel.h"

#include "changestyle.h"
#include "jsondisplay.h"

#include <QGuiApplication>
#include <QLocale>

namespace eventscope::gui {

StateDiffModel::StateDiffModel(QObject* parent)
    : QAbstractTableModel(parent), m_monospace(changestyle::monospaceFont())
{}

void StateDiffModel::setSides(json::Value a, qint64 positionA, json::Value b, qint64 positionB)
{
    beginResetModel();
    m_entries = json::diff(a, b);
    m_positionA = positionA;
    m_positionB = positionB;
    m_hasSides = true;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, AColumn, BColumn);
}

void StateDiffModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_hasSides = false;
    endResetModel();
}

void StateDiffModel::setSideLabels(const QString& a, const QString& b)
{
    m_labelA = a;
    m_labelB = b;
    emit headerDataChanged(Qt::Horizontal, AColumn, BColumn);
}

int StateDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int StateDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateDiffModel::display(const json::DiffEntry& entry, int column) const
{
    switch (column) {
    case PathColumn:
        return jsondisplay::pathText(entry.path);
    case KindColumn:
        return changestyle::kindName(entry.kind);
    case AColumn:
        return entry.kind == json::DiffEntry::Kind::Added ? tr("absent") : jsondisplay::summary(entry.before);
    case BColumn:
        return entry.kind == json::DiffEntry::Kind::Removed ? tr("absent")
                                                            : jsondisplay::summary(entry.after);
    default:
        return {};
    }
}

QVariant StateDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const json::DiffEntry& entry = m_entries[std::size_t(index.row())];
    const int column = index.column();
    const bool absent = (column == AColumn && entry.kind == json::DiffEntry::Kind::Added) ||
                        (column == BColumn && entry.kind == json::DiffEntry::Kind::Removed);
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, column);
    case Qt::ToolTipRole:
        if (column == AColumn && !absent)
            return jsondisplay::preview(entry.before);
        if (column == BColumn && !absent)
            return jsondisplay::preview(entry.after);
        return jsondisplay::pathText(entry.path);
    case Qt::FontRole:
        if ((column == AColumn || column == BColumn) && !absent)
            return m_monospace;
        return {};
    case Qt::ForegroundRole:
        if (absent)
            return changestyle::ghostText(QGuiApplication::palette());
        return {};
    case Qt::BackgroundRole:
        // Only the kind cell is tinted: a table where every row is coloured reads as noise.
        if (column == KindColumn)
            return changestyle::background(entry.kind, QGuiApplication::palette());
        return {};
    case PathRole:
        return QVariant::fromValue(entry.path);
    case KindRole:
        return int(entry.kind);
    default:
        return {};
    }
}

QVariant StateDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (section) {
    case PathColumn:
        return tr("Path");
    case KindColumn:
        return tr("Change");
    case AColumn:
        if (!m_labelA.isEmpty())
            return m_labelA;
        return m_hasSides ? tr("A at #%1").arg(locale.toString(m_positionA)) : tr("A");
    case BColumn:
        if (!m_labelB.isEmpty())
            return m_labelB;
        return m_hasSides ? tr("B at #%1").arg(locale.toString(m_positionB)) : tr("B");
    default:
        return {};
    }
}

} // namespace eventscope::gui
