// `bookmark` and `bookmarks`: the places in the log an investigation keeps, each with a note; what
// the GUI lists in its bookmarks pane and presentation mode plays from one to the next.
#include "attachedstore.h"
#include "bookmarkfile.h"
#include "investigation/bookmarks.h"
#include "replaycli.h"
#include "timeformat.h"
#include "workspace.h"

#include <QSet>

namespace eventscope::cli {
namespace {

// More than this many bad lines are counted, not listed: the first ones say what is wrong.
constexpr int listedErrors = 20;

json::Value bookmarkJson(const Bookmark& bookmark, EventStore& store)
{
    json::Value entry = json::Value::object();
    entry.insert("id", bookmark.id);
    entry.insert("position", bookmark.position);
    const auto time = bookmark.position > 0 ? store.timeAtPosition(bookmark.position) : std::nullopt;
    entry.insert("time", time ? json::Value(formatTimestamp(*time)) : json::Value());
    entry.insert("eventId", bookmark.eventId.isEmpty() ? json::Value() : json::Value(bookmark.eventId));
    entry.insert("note", bookmark.note);
    return entry;
}

void printBookmarks(Bookmarks& bookmarks, EventStore& store)
{
    json::Value list = json::Value::array();
    for (const Bookmark& bookmark : bookmarks.all())
        list.append(bookmarkJson(bookmark, store));
    printJson(list);
}

// Bookmarks are the same when they mark the same event (or, before the first event, the same
// position) with the same note: what makes `bookmarks --import` safe to run again.
QString sameBookmarkKey(const QString& eventId, qint64 position, const QString& note)
{
    const QString place = eventId.isEmpty() ? QStringLiteral("@%1").arg(position) : eventId;
    return place + QChar(0x1f) + note;
}

void printErrors(const QStringList& errors)
{
    for (qsizetype i = 0; i < std::min<qsizetype>(errors.size(), listedErrors); ++i)
        err() << errors.at(i) << '\n';
    if (errors.size() > listedErrors)
        err() << "... and " << (errors.size() - listedErrors) << " more bad lines\n";
}

// Adds the file's bookmarks in one transaction: all of them, or (with a bad line) none.
int importBookmarks(const QString& workspacePath, const QString& filePath, Workspace& workspace,
                    EventStore& store)
{
    QStringList errors;
    std::vector<BookmarkLine> lines = readBookmarkFile(filePath, errors);
    const qint64 count = store.count();
    for (BookmarkLine& line : lines) {
        if (!line.eventId.isEmpty()) {
            if (const auto position = store.positionOfId(line.eventId))
                line.position = *position;
            else
                errors << QStringLiteral("%1:%2: no event with id '%3' in %4")
                              .arg(filePath)
                              .arg(line.line)
                              .arg(line.eventId, workspacePath);
        } else if (line.position > count) {
            errors << QStringLiteral("%1:%2: position %3 is outside 0..%4")
                          .arg(filePath)
                          .arg(line.line)
                          .arg(line.position)
                          .arg(count);
        } else if (line.position > 0) {
            line.eventId = store.eventAt(line.position)->id;
        }
    }
    if (!errors.isEmpty()) {
        printErrors(errors);
        err() << "nothing was added to " << workspacePath << Qt::endl;
        return ExitFailure;
    }

    Bookmarks bookmarks(workspace);
    QSet<QString> present;
    for (const Bookmark& bookmark : bookmarks.all())
        present.insert(sameBookmarkKey(bookmark.eventId, bookmark.position, bookmark.note));
    int added = 0;
    int skipped = 0;
    sqlite::Transaction transaction(workspace.database());
    for (const BookmarkLine& line : lines) {
        const QString key = sameBookmarkKey(line.eventId, line.position, line.note);
        if (present.contains(key)) {
            ++skipped;
            continue;
        }
        bookmarks.add(line.position, line.note);
        present.insert(key);
        ++added;
    }
    transaction.commit();
    err() << "added " << added << (added == 1 ? " bookmark" : " bookmarks") << " from " << filePath << ", "
          << skipped << " already there" << Qt::endl;
    return ExitOk;
}

int workspaceFailure(const QString& command, const QString& message)
{
    err() << "eventscope-cli " << command << ": " << message << Qt::endl;
    return ExitFailure;
}

} // namespace

int runBookmark(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addOption({QStringLiteral("at"),
                      QStringLiteral("Bookmark the event at this position (0 = before the first event)."),
                      QStringLiteral("POSITION")});
    parser.addOption(
        {QStringLiteral("event"), QStringLiteral("Bookmark the event with this id."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("note"),
                      QStringLiteral("What the place shows: a headline, then on new lines the explanation."),
                      QStringLiteral("TEXT")});
    const QString usage =
        QStringLiteral("usage: eventscope-cli bookmark WORKSPACE (--at POSITION | --event ID) --note TEXT");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    QString error;
    const bool byPosition = parser.isSet(QStringLiteral("at"));
    const bool byEvent = parser.isSet(QStringLiteral("event"));
    bool isNumber = false;
    const qint64 at = parser.value(QStringLiteral("at")).toLongLong(&isNumber);
    if (parser.positionalArguments().size() != 1)
        error = QStringLiteral("one workspace is needed");
    else if (byPosition == byEvent)
        error = byPosition ? QStringLiteral("--at and --event cannot be combined")
                           : QStringLiteral("--at POSITION or --event ID is needed");
    else if (!parser.isSet(QStringLiteral("note")))
        error = QStringLiteral("--note is needed");
    else if (byPosition && (!isNumber || at < 0))
        error = QStringLiteral("--at takes a position (0 = before the first event)");
    if (!error.isEmpty()) {
        err() << "eventscope-cli bookmark: " << error << '\n' << usage << Qt::endl;
        return ExitUsage;
    }
    const QString command = QStringLiteral("bookmark");
    try {
        Workspace workspace(parser.positionalArguments().first(), Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        qint64 position = at;
        if (byEvent) {
            const QString id = parser.value(QStringLiteral("event"));
            const auto found = store.positionOfId(id);
            if (!found) {
                err() << "eventscope-cli bookmark: no event with id '" << id << "' in " << workspace.path()
                      << Qt::endl;
                return ExitUsage;
            }
            position = *found;
        } else if (position > store.count()) {
            err() << "eventscope-cli bookmark: position " << position << " is outside 0.." << store.count()
                  << Qt::endl;
            return ExitUsage;
        }
        Bookmarks bookmarks(workspace);
        printJson(bookmarkJson(bookmarks.add(position, parser.value(QStringLiteral("note"))), store));
    } catch (const WorkspaceError& e) {
        return workspaceFailure(command, e.message());
    } catch (const sqlite::Error& e) {
        return workspaceFailure(command, e.message());
    }
    return ExitOk;
}

int runBookmarks(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"),
                                 QStringLiteral("The workspace (*.eventscope)."));
    parser.addOption(
        {QStringLiteral("import"),
         QStringLiteral("Instead of listing, add the bookmarks of a JSON Lines file, one {\"id\" or "
                        "\"position\", \"note\"} per line; those already there with the same event and "
                        "note are skipped, and a bad line adds nothing."),
         QStringLiteral("FILE.jsonl")});
    const QString usage = QStringLiteral("usage: eventscope-cli bookmarks WORKSPACE [--import FILE.jsonl]");
    if (const int code = parseArguments(parser, arguments, usage); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err() << "eventscope-cli bookmarks: one workspace is needed\n" << usage << Qt::endl;
        return ExitUsage;
    }
    const QString command = QStringLiteral("bookmarks");
    const QString workspacePath = parser.positionalArguments().first();
    try {
        Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
        const std::unique_ptr<EventStore> opened = openEventStore(workspace);
        EventStore& store = *opened;
        // An import reports on stderr only, so that a build step or a script running it stays quiet;
        // the list is one more `bookmarks WORKSPACE` away.
        if (parser.isSet(QStringLiteral("import")))
            return importBookmarks(workspacePath, parser.value(QStringLiteral("import")), workspace, store);
        Bookmarks bookmarks(workspace);
        printBookmarks(bookmarks, store);
    } catch (const WorkspaceError& e) {
        return workspaceFailure(command, e.message());
    } catch (const sqlite::Error& e) {
        return workspaceFailure(command, e.message());
    }
    return ExitOk;
}

} // namespace eventscope::cli
