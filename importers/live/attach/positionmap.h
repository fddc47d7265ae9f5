#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace eventscope::importers::live {

// Gap-free positions (1, 2, 3, ...) over a store's own position column, which has gaps (numbers a
// sequence handed to transactions that rolled back). Kept as runs of consecutive source positions:
// a store has few gaps, so looking up either way is a binary search over a short list.
class PositionMap
{
public:
    struct Run
    {
        qint64 firstSource = 0;
        qint64 length = 0;
    };

    // Adds source positions [firstSource, firstSource + length), which must come after every
    // position already mapped; a run that continues the last one extends it.
    void append(qint64 firstSource, qint64 length);
    void clear();

    qint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    // The highest source position mapped, 0 when none is.
    qint64 lastSource() const;
    const std::vector<Run>& runs() const { return m_runs; }

    // The source position of position p (1-based), nullopt outside [1, count()].
    std::optional<qint64> sourceOf(qint64 position) const;
    // The position of a source position, nullopt when it is not mapped (a gap, or past the end).
    std::optional<qint64> positionOf(qint64 source) const;
    // The first position whose source position is >= source; count() + 1 when there is none.
    qint64 positionAtOrAfter(qint64 source) const;

private:
    std::vector<Run> m_runs;
    std::vector<qint64> m_firstPositions; // the position of each run's first source position
    qint64 m_count = 0;
};

} // namespace eventscope::importers::live
