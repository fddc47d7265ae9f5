#pragma once

#include "eventstore.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace eventscope::gui {

// Counts [fromUs, toUs] into `bins` equal bins from times sorted ascending; like
// EventStore::density, the last bin includes toUs.
std::vector<qint64> binSortedTimes(const std::vector<qint64>& sortedTimes, qint64 fromUs, qint64 toUs,
                                   int bins);

// The histograms the timeline paints, computed once per window, bin count and data: a repaint
// (the playhead moving sixty times a second) only reads them back.
class DensityCache
{
public:
    // The data changed (another store, an import): everything is read again.
    void clear();
    // Forgets the lanes not in streams.
    void retainLanes(const QStringList& streams);

    // All events, from EventStore::density.
    const std::vector<qint64>& counts(EventStore& store, qint64 fromUs, qint64 toUs, int bins);
    // The events of one stream. Its times are read once (filteredPositions, then the time of
    // each) and binned per window from memory.
    const std::vector<qint64>& laneCounts(EventStore& store, const QString& stream, qint64 fromUs,
                                          qint64 toUs, int bins);

    // A filter's matches: their times are read once here (timesAtPositions) and binned per window
    // from memory, like a lane. Kept by clear(): the caller sets them again when they change.
    void setMatches(EventStore& store, const std::vector<qint64>& positions);
    void clearMatches();
    bool hasMatches() const { return m_hasMatches; }
    qint64 matchCount() const { return qint64(m_matches.sortedTimes.size()); }
    const std::vector<qint64>& matchCounts(qint64 fromUs, qint64 toUs, int bins);

private:
    struct Binned
    {
        qint64 fromUs = 0;
        qint64 toUs = 0;
        int bins = -1;
        std::vector<qint64> counts;

        bool matches(qint64 from, qint64 to, int count) const
        {
            return fromUs == from && toUs == to && bins == count;
        }
    };
    struct Lane
    {
        std::vector<qint64> sortedTimes;
        Binned binned;
    };

    Binned m_all;
    QHash<QString, Lane> m_lanes;
    Lane m_matches;
    bool m_hasMatches = false;
};

} // namespace eventscope::gui
