#include "bookmarks/bookmarksmodel.h"
#include "importsession.h"
#include "investigation/bookmarks.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using eventscope::gui::BookmarksModel;

namespace {

constexpr qint64 minuteUs = 60'000'000;

// Adds events at the given minutes to a workspace, merged by time.
void importAt(Workspace& workspace, const QString& label, const std::vector<int>& minutes)
{
    ImportSession session(workspace, MergeOrder::Time);
    session.beginSource(
        {0, QStringLiteral("/tmp/") + label, label, QStringLiteral("jsonl"), 0, label, 0, 0, 0, 0, {}});
    for (int minute : minutes) {
        Event event = testing::makeEvent(QStringLiteral("cart-1"), QStringLiteral("ItemAdded"),
                                         minute * minuteUs, QStringLiteral("%1-%2").arg(label).arg(minute));
        session.add(event);
    }
    session.endSource(0, {});
    session.commit();
}

} // namespace

class TestBookmarks : public QObject
{
    Q_OBJECT

private slots:
    void addsListsEditsAndRemoves()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("w.eventscope")));
        importAt(workspace, QStringLiteral("a"), {10, 20, 30});
        Bookmarks bookmarks(workspace);
        QVERIFY(bookmarks.all().empty());
        const Bookmark second = bookmarks.add(2, QStringLiteral("the second item"));
        const Bookmark first = bookmarks.add(1, QString());
        const Bookmark start = bookmarks.add(0, QStringLiteral("before anything"));
        QCOMPARE(second.eventId, QStringLiteral("a-20"));
        QVERIFY(start.eventId.isEmpty());

        const std::vector<Bookmark> all = bookmarks.all();
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].id, start.id); // in position order
        QCOMPARE(all[1].id, first.id);
        QVERIFY(all[1].note.isEmpty());
        QCOMPARE(all[2], second);

        bookmarks.setNote(first.id, QStringLiteral("line one\nline two"));
        QCOMPARE(bookmarks.find(first.id)->note, QStringLiteral("line one\nline two"));
        bookmarks.remove(start.id);
        QVERIFY(!bookmarks.find(start.id));
        QCOMPARE(bookmarks.all().size(), std::size_t(2));
    }

    void followTheirEventWhenAnImportRenumbers()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("w.eventscope")));
        importAt(workspace, QStringLiteral("a"), {10, 20, 30});
        Bookmarks bookmarks(workspace);
        const Bookmark at20 = bookmarks.add(2, QStringLiteral("minute 20"));
        // Two earlier events merge in before it: the event moves from position 2 to 4.
        importAt(workspace, QStringLiteral("b"), {1, 2});
        WorkspaceStore store(workspace);
        QCOMPARE(store.eventAt(4)->id, QStringLiteral("a-20"));
        QCOMPARE(bookmarks.find(at20.id)->position, 4);
    }

    void modelShowsAndEditsNotes()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("w.eventscope")));
        importAt(workspace, QStringLiteral("a"), {10, 20, 30});
        Bookmarks bookmarks(workspace);
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &BookmarksModel::bookmarksChanged);
        model.setBookmarks(&bookmarks,
                           [](qint64 position) { return std::optional<qint64>(position * 10 * minuteUs); });
        const QModelIndex note = model.add(3, QStringLiteral("the last item\nand more"));
        QVERIFY(note.isValid());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, BookmarksModel::PositionColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(0, BookmarksModel::TimeColumn).data().toString(),
                 QStringLiteral("1970-01-01T00:30:00Z"));
        QCOMPARE(note.data().toString(), QStringLiteral("the last item")); // one line in the table
        QCOMPARE(note.data(Qt::EditRole).toString(), QStringLiteral("the last item\nand more"));
        QVERIFY(model.flags(note) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(model.setData(note, QStringLiteral("edited")));
        QCOMPARE(bookmarks.all().front().note, QStringLiteral("edited"));
        model.add(1, QStringLiteral("first"));
        QCOMPARE(model.rowAt(1), 0);
        QCOMPARE(model.rowAt(3), 1);
        model.remove(model.index(0, 0));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(bookmarks.all().size(), std::size_t(1));
        QVERIFY(changed.count() >= 4);
        model.setBookmarks(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestBookmarks)
#include "tst_bookmarks.moc"
