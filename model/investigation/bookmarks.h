#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace eventscope {

class Workspace;

// A place in the log the user wants to come back to, with what they want to say about it. Kept by
// event id as well as position: an import that merges older events in moves positions, and the
// bookmark follows its event.
struct Bookmark
{
    qint64 id = 0;
    qint64 position = 0;
    QString eventId; // empty for position 0 (before the first event)
    QString note;
    qint64 createdUs = 0;

    bool operator==(const Bookmark&) const = default;
};

// The bookmarks of a workspace (table `bookmarks`), in position order.
class Bookmarks
{
public:
    explicit Bookmarks(Workspace& workspace);

    std::vector<Bookmark> all();
    // Adds a bookmark at `position` (the event there is looked up); returns it with its id.
    Bookmark add(qint64 position, const QString& note);
    void setNote(qint64 id, const QString& note);
    void remove(qint64 id);
    std::optional<Bookmark> find(qint64 id);

private:
    Workspace& m_workspace;
};

} // namespace eventscope
