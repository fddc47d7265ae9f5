#pragma once

#include <QString>
#include <QStringList>

#include <stdexcept>
#include <vector>

namespace eventscope::compensation {

// A stream that moved on since its drafts were made: the append expected it to end at `expected`
// (-1: to have no event) and found `actual`.
struct VersionConflict
{
    QString stream;
    qint64 expected = -1;
    qint64 actual = -1;
    // The conflict is between drafts of the stream that expect different versions (`actual` is then
    // the other drafts' expectation): nothing was read from a store.
    bool betweenDrafts = false;

    // "order-42: expected version 7, the stream is at version 9"
    QString message() const;
};

// Thrown by every append when an expected version does not hold: nothing was written.
class AppendConflictError : public std::runtime_error
{
public:
    explicit AppendConflictError(std::vector<VersionConflict> conflicts);
    const std::vector<VersionConflict>& conflicts() const { return m_conflicts; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    std::vector<VersionConflict> m_conflicts;
};

} // namespace eventscope::compensation
