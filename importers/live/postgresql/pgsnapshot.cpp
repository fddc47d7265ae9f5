#include "pgsnapshot.h"

#include <QList>

#include <algorithm>

namespace eventscope::importers::live {

bool PgSnapshot::isInProgress(quint64 xid) const
{
    return std::find(inProgress.begin(), inProgress.end(), xid) != inProgress.end();
}

std::optional<PgSnapshot> PgSnapshot::parse(const QByteArray& text)
{
    const QList<QByteArray> parts = text.trimmed().split(':');
    if (parts.size() != 3)
        return std::nullopt;
    PgSnapshot snapshot;
    bool ok = false;
    snapshot.xmin = parts[0].toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    snapshot.xmax = parts[1].toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    if (!parts[2].isEmpty()) {
        for (const QByteArray& xid : parts[2].split(',')) {
            snapshot.inProgress.push_back(xid.toULongLong(&ok));
            if (!ok)
                return std::nullopt;
        }
    }
    return snapshot;
}

void GapWatch::watch(qint64 missing, qint64 highestSeen, const PgSnapshot& snapshot, Clock::time_point now)
{
    m_active = true;
    m_missing = missing;
    m_horizon = std::max(highestSeen, missing);
    m_firstSeen = snapshot;
    m_since = now;
}

bool GapWatch::mayPass(qint64 missing, qint64 highestSeen, const PgSnapshot& snapshot, Clock::time_point now)
{
    if (missing <= m_passable)
        return true;
    if (!m_active) {
        watch(missing, highestSeen, snapshot, now);
        return false;
    }
    if (now - m_since < m_settle)
        return false;
    for (const quint64 xid : m_firstSeen.inProgress) {
        if (snapshot.isInProgress(xid))
            return false;
    }
    m_active = false;
    m_passable = std::max(m_passable, m_horizon);
    if (missing <= m_passable)
        return true;
    watch(missing, highestSeen, snapshot, now); // a gap past the horizon: it waits its own turn
    return false;
}

} // namespace eventscope::importers::live
