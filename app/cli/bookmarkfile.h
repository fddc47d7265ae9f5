#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace eventscope::cli {

// One line of a bookmarks file, JSON Lines as `eventscope-generate --stories` writes it:
// {"id": "<event id>", "note": "..."} or {"position": N, "note": "..."}.
struct BookmarkLine
{
    int line = 0;    // 1-based, for messages
    QString eventId; // empty when the line gives a position
    qint64 position = -1;
    QString note;
};

// Reads a bookmarks file. Blank lines are skipped; each other line that is not a bookmark adds
// "FILE:LINE: reason" to errors (FILE as given), and an unreadable file adds "FILE: reason". The
// lines that were read are returned either way, so that every problem can be reported at once.
std::vector<BookmarkLine> readBookmarkFile(const QString& path, QStringList& errors);

} // namespace eventscope::cli
