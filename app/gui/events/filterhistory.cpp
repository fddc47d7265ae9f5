#include "filterhistory.h"

#include <QSettings>

namespace eventscope::gui {

FilterHistory::FilterHistory(QString settingsKey) : m_key(std::move(settingsKey)) {}

QStringList FilterHistory::entries() const
{
    return QSettings().value(m_key).toStringList();
}

void FilterHistory::add(const QString& filter)
{
    const QString entry = filter.trimmed();
    if (entry.isEmpty())
        return;
    QStringList list = entries();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > maxEntries)
        list.removeLast();
    QSettings().setValue(m_key, list);
}

void FilterHistory::clear()
{
    QSettings().remove(m_key);
}

} // namespace eventscope::gui
