#pragma once

#include <QString>
#include <QStringList>

namespace eventscope::gui {

// The filters the user applied, most recent first, without repeats, kept in QSettings so that
// they survive a restart (Wireshark's display filter history, a shell's history).
class FilterHistory
{
public:
    static constexpr int maxEntries = 30;

    explicit FilterHistory(QString settingsKey = QStringLiteral("events/filterHistory"));

    QStringList entries() const;
    // Moves `filter` to the front (adding it if new) and drops the oldest beyond maxEntries.
    void add(const QString& filter);
    void clear();

private:
    QString m_key;
};

} // namespace eventscope::gui
