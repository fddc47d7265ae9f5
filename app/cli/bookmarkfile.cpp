#include "bookmarkfile.h"

#include "json/jsonvalue.h"

#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace eventscope::cli {
namespace {

// The bookmark a parsed line describes, or the reason it does not describe one.
QString readLine(const json::Value& value, BookmarkLine& bookmark)
{
    if (!value.isObject())
        return QStringLiteral("expected an object such as {\"id\": \"<event id>\", \"note\": \"...\"}");
    const json::Value* id = value.find("id");
    const json::Value* position = value.find("position");
    const json::Value* note = value.find("note");
    if (id && position)
        return QStringLiteral("give \"id\" or \"position\", not both");
    if (!id && !position)
        return QStringLiteral("needs \"id\" (an event id) or \"position\"");
    if (id) {
        if (!id->isString() || id->toStringView().empty())
            return QStringLiteral("\"id\" must be a non-empty string");
        bookmark.eventId = id->toQString();
    } else {
        const double number = position->toDouble(-1);
        if (!position->isNumber() || number < 0 || number != std::floor(number) || number > 9.0e15)
            return QStringLiteral("\"position\" must be a non-negative integer");
        bookmark.position = qint64(number);
    }
    if (note) {
        if (!note->isString())
            return QStringLiteral("\"note\" must be a string");
        bookmark.note = note->toQString();
    }
    return {};
}

} // namespace

std::vector<BookmarkLine> readBookmarkFile(const QString& path, QStringList& errors)
{
    std::vector<BookmarkLine> bookmarks;
    QFile file(path);
    if (!QFileInfo::exists(path)) {
        errors << QStringLiteral("%1: no such file").arg(path);
        return bookmarks;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        errors << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return bookmarks;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++lineNumber;
        if (text.isEmpty())
            continue;
        QString reason;
        const auto value = json::parse(text, &reason);
        BookmarkLine bookmark;
        bookmark.line = lineNumber;
        if (!value)
            reason = QStringLiteral("not JSON: ") + reason;
        else
            reason = readLine(*value, bookmark);
        if (!reason.isEmpty())
            errors << QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(reason);
        else
            bookmarks.push_back(std::move(bookmark));
    }
    return bookmarks;
}

} // namespace eventscope::cli
