#include "bookmarks.h"

#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>

namespace eventscope {
namespace {

// Positions follow the events: an import that merged older events in has moved them.
constexpr const char* selectBookmarks = R"sql(
    SELECT b.id, COALESCE(e.position, b.position), b.event_id, b.note, b.created_us
    FROM bookmarks b LEFT JOIN events e ON e.id = b.event_id
)sql";

Bookmark readBookmark(const sqlite::Statement& row)
{
    Bookmark bookmark;
    bookmark.id = row.int64(0);
    bookmark.position = row.int64(1);
    bookmark.eventId = row.isNull(2) ? QString() : row.text(2);
    bookmark.note = row.text(3);
    bookmark.createdUs = row.int64(4);
    return bookmark;
}

} // namespace

Bookmarks::Bookmarks(Workspace& workspace) : m_workspace(workspace) {}

std::vector<Bookmark> Bookmarks::all()
{
    auto query = m_workspace.database().prepare(std::string(selectBookmarks) + " ORDER BY 2, b.id");
    std::vector<Bookmark> bookmarks;
    while (query.step())
        bookmarks.push_back(readBookmark(query));
    return bookmarks;
}

std::optional<Bookmark> Bookmarks::find(qint64 id)
{
    auto query = m_workspace.database().prepare(std::string(selectBookmarks) + " WHERE b.id = ?");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return readBookmark(query);
}

Bookmark Bookmarks::add(qint64 position, const QString& note)
{
    sqlite::Database& db = m_workspace.database();
    QString eventId;
    if (position > 0) {
        auto event = db.prepare("SELECT id FROM events WHERE position = ?");
        event.bind(1, position);
        if (event.step())
            eventId = event.text(0);
    }
    auto insert =
        db.prepare("INSERT INTO bookmarks(event_id, position, note, created_us) VALUES(?, ?, ?, ?)");
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    const QByteArray text = note.toUtf8();
    insert.bindTextOrNull(1, eventId)
        .bind(2, position)
        .bindText(3, {text.constData(), std::size_t(text.size())});
    insert.bind(4, now);
    insert.step();
    return Bookmark{db.lastInsertRowId(), position, eventId, note, now};
}

void Bookmarks::setNote(qint64 id, const QString& note)
{
    auto update = m_workspace.database().prepare("UPDATE bookmarks SET note = ? WHERE id = ?");
    const QByteArray text = note.toUtf8();
    update.bindText(1, {text.constData(), std::size_t(text.size())}).bind(2, id);
    update.step();
}

void Bookmarks::remove(qint64 id)
{
    auto erase = m_workspace.database().prepare("DELETE FROM bookmarks WHERE id = ?");
    erase.bind(1, id);
    erase.step();
}

} // namespace eventscope
