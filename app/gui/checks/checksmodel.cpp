#include "checksmodel.h"

#include <QApplication>
#include <QLocale>
#include <QPalette>

namespace eventscope::gui {

ChecksModel::ChecksModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChecksModel::setChecks(std::vector<Check> checks)
{
    beginResetModel();
    m_checks = std::move(checks);
    endResetModel();
}

void ChecksModel::setScanResult(const std::vector<replay::Violation>& violations)
{
    for (Check& check : m_checks) {
        check.status = Check::Status::Holds;
        check.position = 0;
        check.partition.clear();
        for (const replay::Violation& violation : violations) {
            if (violation.check == check.name) {
                check.status = Check::Status::Fired;
                check.position = violation.event.position;
                check.partition = violation.partition;
                break;
            }
        }
    }
    if (!m_checks.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ChecksModel::setFired(const replay::Violation& violation)
{
    for (std::size_t row = 0; row < m_checks.size(); ++row) {
        Check& check = m_checks[row];
        if (check.name != violation.check)
            continue;
        // A scan from the playhead finds the next firing, which may come after the first one.
        if (check.status != Check::Status::Fired || violation.event.position < check.position) {
            check.status = Check::Status::Fired;
            check.position = violation.event.position;
            check.partition = violation.partition;
        }
        emit dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
    }
}

void ChecksModel::clearResults()
{
    for (Check& check : m_checks)
        check = Check{check.name, check.breakpoint, Check::Status::NotChecked, 0, {}};
    if (!m_checks.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ChecksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int ChecksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecksModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Check& check = m_checks[std::size_t(index.row())];
    if (role == PositionRole)
        return check.position;
    if (role == Qt::ToolTipRole && check.status == Check::Status::Fired && !check.partition.isEmpty())
        return tr("In %1").arg(check.partition);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (check.status == Check::Status::NotChecked)
            return QApplication::palette().brush(QPalette::PlaceholderText);
        if (check.status == Check::Status::Fired && !check.breakpoint)
            return QColor(0xd2, 0x3f, 0x3f); // the timeline's violation red
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return check.name;
    case KindColumn:
        return check.breakpoint ? tr("breakpoint") : tr("invariant");
    case StatusColumn:
        switch (check.status) {
        case Check::Status::NotChecked:
            return tr("not checked");
        case Check::Status::Holds:
            return check.breakpoint ? tr("never hit") : tr("holds");
        case Check::Status::Fired:
            return (check.breakpoint ? tr("hit at #%1") : tr("violated at #%1"))
                .arg(QLocale().toString(check.position));
        }
    }
    return {};
}

QVariant ChecksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Check");
    case KindColumn:
        return tr("Kind");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace eventscope::gui
