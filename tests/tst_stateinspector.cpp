#include "inspector/inspectortreeview.h"
#include "inspector/jsondisplay.h"
#include "inspector/jsonsearch.h"
#include "inspector/jsontreemodel.h"
#include "inspector/statediffmodel.h"
#include "inspector/stateinspector.h"
#include "inspector/watchlistmodel.h"
#include "inspector/watchpanel.h"
#include "json/jsondiff.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <functional>

using namespace eventscope;
using eventscope::gui::JsonTreeModel;
using eventscope::gui::StateDiffModel;
using eventscope::gui::StateInspector;
using eventscope::gui::WatchListModel;
using Kind = eventscope::json::DiffEntry::Kind;

namespace {

constexpr auto qtTestReporting = QAbstractItemModelTester::FailureReportingMode::QtTest;

json::Value parsed(std::string_view text)
{
    std::optional<json::Value> value = json::parse(text);
    Q_ASSERT(value);
    return *value;
}

json::Path path(const char* text)
{
    std::optional<json::Path> p = json::parsePath(QString::fromUtf8(text));
    Q_ASSERT(p);
    return *p;
}

// An order aggregate, then the same order after a step that changed the total and added a line.
json::Value orderBefore()
{
    return parsed("{\"id\": \"order-42\", \"status\": \"open\", \"note\": \"leave at door\","
                  " \"customer\": {\"name\": \"Ada\", \"tier\": \"gold\"},"
                  " \"lines\": [{\"sku\": \"sku-1\", \"qty\": 2}, {\"sku\": \"sku-7\", \"qty\": 1}],"
                  " \"total\": 99.5}");
}

json::Value orderAfter()
{
    json::Value after = orderBefore();
    after.insert("total", json::Value(129.5));
    json::Value line = json::Value::object();
    line.insert("sku", json::Value("sku-9"));
    line.insert("qty", json::Value(3));
    after.member("lines").append(line);
    return after;
}

replay::StateResult result(json::Value previous, json::Value state, qint64 position)
{
    replay::StateResult r;
    r.generation = quint64(position);
    r.position = position;
    r.partition = QStringLiteral("order-42");
    r.lastStep = json::diff(previous, state);
    r.previous = std::move(previous);
    r.state = std::move(state);
    return r;
}

// --- random states -------------------------------------------------------------------------

const char* const keyPool[] = {"a",     "b",     "c",    "id",  "lines",
                               "total", "sku-7", "name", "x y", "\u00e9t\u00e9"};

json::Value randomScalar(QRandomGenerator& rng)
{
    switch (rng.bounded(5)) {
    case 0:
        return json::Value();
    case 1:
        return json::Value(rng.bounded(2) == 1);
    case 2:
        return json::Value(rng.bounded(1000) / 4.0);
    case 3:
        return json::Value(QStringLiteral("s%1").arg(rng.bounded(50)));
    default:
        return json::Value(int(rng.bounded(100)));
    }
}

json::Value randomValue(QRandomGenerator& rng, int depth)
{
    const int pick = depth > 0 ? rng.bounded(4) : 0;
    if (pick == 1) {
        json::Value object = json::Value::object();
        for (int i = 0, n = rng.bounded(5); i < n; ++i)
            object.insert(keyPool[rng.bounded(int(std::size(keyPool)))], randomValue(rng, depth - 1));
        return object;
    }
    if (pick == 2) {
        json::Value array = json::Value::array();
        for (int i = 0, n = rng.bounded(5); i < n; ++i)
            array.append(randomValue(rng, depth - 1));
        return array;
    }
    return randomScalar(rng);
}

// One random edit somewhere in `value`: members appear and disappear, arrays grow and shrink,
// values change type. Editing in place detaches only the path, as a projection's fold does.
void mutate(json::Value& value, QRandomGenerator& rng, int depth)
{
    if (value.isObject()) {
        const int op = value.size() == 0 ? 0 : rng.bounded(4);
        if (op == 0) {
            value.insert(keyPool[rng.bounded(int(std::size(keyPool)))], randomValue(rng, depth));
        } else if (op == 1) {
            value.remove(value.keyAt(std::size_t(rng.bounded(int(value.size())))));
        } else {
            const std::string key(value.keyAt(std::size_t(rng.bounded(int(value.size())))));
            json::Value& member = value.member(key);
            if (op == 2 && (member.isObject() || member.isArray()))
                mutate(member, rng, depth - 1);
            else
                member = randomValue(rng, depth);
        }
    } else if (value.isArray()) {
        const int op = value.size() == 0 ? 0 : rng.bounded(4);
        if (op == 0) {
            value.append(randomValue(rng, depth));
        } else if (op == 1) {
            json::Value shorter = json::Value::array();
            for (std::size_t i = 0; i + 1 < value.size(); ++i)
                shorter.append(value.at(i));
            value = shorter;
        } else {
            json::Value& element = value.elementAt(std::size_t(rng.bounded(int(value.size()))));
            if (op == 2 && (element.isObject() || element.isArray()))
                mutate(element, rng, depth - 1);
            else
                element = randomValue(rng, depth);
        }
    } else {
        value = randomValue(rng, depth);
    }
}

// Every path in `value`, depth first.
void collectPaths(const json::Value& value, json::Path& prefix, std::vector<json::Path>& out)
{
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value.isArray())
            prefix.emplace_back().step.emplace<std::size_t>(i);
        else if (value.isObject())
            prefix.emplace_back().step.emplace<std::string>(value.keyAt(i));
        else
            return;
        out.push_back(prefix);
        collectPaths(value.isArray() ? value.at(i) : value.valueAt(i), prefix, out);
        prefix.pop_back();
    }
}

std::vector<json::Path> allPaths(const json::Value& value)
{
    std::vector<json::Path> out;
    json::Path prefix;
    collectPaths(value, prefix, out);
    return out;
}

bool startsWith(const json::Path& path, const json::Path& prefix)
{
    return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

QString describe(const json::Path& p)
{
    return gui::jsondisplay::pathText(p);
}

} // namespace

class TestStateInspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void randomStates_data();
    void randomStates();
    void lazyLargeObject();
    void changedPathsHighlighted();
    void removedPathsAreGhosts();
    void addedSubtreeIsNew();
    void indexForPathRoundTrips();
    void scalarState();
    void valueDisplay();
    void watchList();
    void diffRows();
    void search();

    void inspectorHeaderAndPartition();
    void inspectorFilterFindsPath();
    void inspectorPinAction();
    void inspectorKeepsExpansionAndSelection();
    void inspectorMarksAndDiff();
    void inspectorPending();
    void inspectorLargeState();
};

void TestStateInspector::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestStateInspector::randomStates_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 60; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

// The tree model under the tester while states replace each other, with a view holding expanded
// rows and a selection across every change: the persistent indexes must land on the same paths.
void TestStateInspector::randomStates()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    QTreeView view;
    view.setModel(&model);

    json::Value state = randomValue(rng, 4);
    if (!state.isObject() && rng.bounded(4) != 0)
        state = json::Value::object();
    model.setState(state, json::diff(json::Value(), state));

    for (int step = 0; step < 12; ++step) {
        // Open some containers and select a row, as a user would.
        std::vector<json::Path> expanded;
        for (const json::Path& p : allPaths(state)) {
            const QModelIndex index = model.indexForPath(p);
            QVERIFY2(index.isValid(), qPrintable(describe(p)));
            if (model.hasChildren(index) && rng.bounded(2) == 0) {
                view.expand(index);
                expanded.push_back(p);
            }
        }
        const std::vector<json::Path> paths = allPaths(state);
        const json::Path selected =
            paths.empty() ? json::Path() : paths[std::size_t(rng.bounded(int(paths.size())))];
        if (!selected.empty())
            view.setCurrentIndex(model.indexForPath(selected));

        json::Value next = state;
        for (int edits = 1 + rng.bounded(4); edits > 0; --edits)
            mutate(next, rng, 3);
        const std::vector<json::DiffEntry> step_ = json::diff(state, next);
        model.setState(next, step_);

        // Expansion and selection survive where the paths still lead to a container.
        for (const json::Path& p : expanded) {
            const json::Value* now = json::lookup(next, p);
            bool ancestorsAlive = true;
            for (json::Path up = p; !up.empty(); up.pop_back())
                ancestorsAlive = ancestorsAlive && json::lookup(next, up);
            if (now && ancestorsAlive && (now->isObject() || now->isArray()))
                QVERIFY2(view.isExpanded(model.indexForPath(p)),
                         qPrintable(describe(p) + QStringLiteral(" was ") +
                                    QString::fromUtf8(json::toJson(*json::lookup(state, p))) +
                                    QStringLiteral(" now ") + QString::fromUtf8(json::toJson(*now))));
        }
        if (!selected.empty() && json::lookup(next, selected))
            QCOMPARE(model.pathForIndex(view.currentIndex()), selected);

        // Each entry of the step is marked at its path; removed ones as ghosts.
        for (const json::DiffEntry& entry : step_) {
            if (entry.path.empty())
                continue;
            const QModelIndex index = model.indexForPath(entry.path);
            QVERIFY2(index.isValid(), qPrintable(describe(entry.path)));
            QCOMPARE(index.data(JsonTreeModel::ChangeKindRole).toInt(), int(entry.kind));
            QCOMPARE(index.data(JsonTreeModel::GhostRole).toBool(), entry.kind == Kind::Removed);
        }
        // Paths the step did not touch, at or above, report nothing.
        for (const json::Path& p : allPaths(next)) {
            bool touched = false;
            for (const json::DiffEntry& entry : step_)
                touched = touched || startsWith(p, entry.path);
            const QModelIndex index = model.indexForPath(p);
            QCOMPARE(model.pathForIndex(index), p);
            if (!touched)
                QVERIFY2(!index.data(JsonTreeModel::ChangeKindRole).isValid(), qPrintable(describe(p)));
        }
        state = next;
    }
}

void TestStateInspector::lazyLargeObject()
{
    json::Value big = json::Value::object();
    for (int i = 0; i < 100'000; ++i)
        big.insert(QStringLiteral("k-%1").arg(i).toStdString(), json::Value(i));
    big.insert("k-50000", parsed("{\"nested\": [1, 2, 3]}"));
    json::Value state = json::Value::object();
    state.insert("big", big);

    JsonTreeModel model;
    model.setState(state);
    const QModelIndex bigIndex = model.index(0, 0);
    QCOMPARE(model.rowCount(bigIndex), 100'000);
    QCOMPARE(model.nodeCount(), 1); // rowCount read the value; nothing was made
    const QModelIndex last = model.index(99'999, JsonTreeModel::ValueColumn, bigIndex);
    QCOMPARE(last.data().toString(), QStringLiteral("99999"));
    QCOMPARE(model.nodeCount(), 2); // the root and "big": no node per member
    const QModelIndex nested = model.indexForPath(path("big[\"k-50000\"]"));
    QCOMPARE(nested.row(), 50'000);
    QCOMPARE(model.rowCount(nested), 1);
    QCOMPARE(model.nodeCount(), 2);
    QCOMPARE(model.indexForPath(path("big[\"k-77777\"]")).row(), 77'777);

    // A view opening the object lays out 100,000 rows without a node each.
    QTreeView view;
    view.setUniformRowHeights(true);
    view.setModel(&model);
    view.resize(400, 300);
    view.expand(bigIndex);
    view.scrollToBottom();
    QVERIFY(view.isExpanded(bigIndex));
    QVERIFY(model.nodeCount() <= 3);

    // A new state with one member changed keeps the view's expansion without walking the object.
    json::Value next = state;
    next.member("big").insert("k-12", json::Value(-1));
    model.setState(next, json::diff(state, next));
    QVERIFY(view.isExpanded(model.indexForPath(path("big"))));
    QCOMPARE(model.indexForPath(path("big[\"k-12\"]")).data(JsonTreeModel::ChangeKindRole).toInt(),
             int(Kind::Changed));
}

void TestStateInspector::changedPathsHighlighted()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    const json::Value before = orderBefore();
    const json::Value after = orderAfter();
    model.setState(after, json::diff(before, after));

    const QModelIndex total = model.indexForPath(path("total"));
    QCOMPARE(total.data(JsonTreeModel::ChangeKindRole).toInt(), int(Kind::Changed));
    QCOMPARE(total.data(JsonTreeModel::ChangeTextRole).toString(), QStringLiteral("99.5 \u2192 129.5"));
    QVERIFY(total.data(Qt::BackgroundRole).isValid());
    QVERIFY(total.data(Qt::ToolTipRole).toString().contains(QStringLiteral("99.5 \u2192 129.5")));
    QCOMPARE(total.siblingAtColumn(JsonTreeModel::PreviousColumn).data().toString(), QStringLiteral("99.5"));

    const QModelIndex added = model.indexForPath(path("lines[2]"));
    QCOMPARE(added.data(JsonTreeModel::ChangeKindRole).toInt(), int(Kind::Added));
    QVERIFY(added.data(Qt::BackgroundRole).isValid());

    for (const char* untouched : {"customer.name", "customer", "lines[0].qty", "id", "note"}) {
        const QModelIndex index = model.indexForPath(path(untouched));
        QVERIFY(index.isValid());
        QVERIFY2(!index.data(JsonTreeModel::ChangeKindRole).isValid(), untouched);
        QVERIFY2(!index.data(JsonTreeModel::ChangeTextRole).isValid(), untouched);
        QVERIFY2(!index.data(Qt::BackgroundRole).isValid(), untouched);
    }
    // A container with a change below says so, without claiming a change of its own.
    const QModelIndex lines = model.indexForPath(path("lines"));
    QVERIFY(lines.data(JsonTreeModel::ContainsChangeRole).toBool());
    QVERIFY(!lines.data(JsonTreeModel::ChangeKindRole).isValid());
    QVERIFY(!model.indexForPath(path("customer")).data(JsonTreeModel::ContainsChangeRole).toBool());

    // The next step without changes clears the marks.
    model.setState(after, {});
    QVERIFY(!model.indexForPath(path("total")).data(JsonTreeModel::ChangeKindRole).isValid());
}

void TestStateInspector::removedPathsAreGhosts()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    const json::Value before = orderBefore();
    json::Value after = before;
    after.remove("note");
    json::Value lines = json::Value::array();
    lines.append(before["lines"].at(0));
    after.insert("lines", lines);
    model.setState(after, json::diff(before, after));

    QCOMPARE(model.rowCount(), int(after.size()) + 1);
    const QModelIndex note = model.indexForPath(path("note"));
    QVERIFY(note.isValid());
    QCOMPARE(note.row(), int(after.size())); // ghosts follow the live rows
    QVERIFY(note.data(JsonTreeModel::GhostRole).toBool());
    QCOMPARE(note.data(JsonTreeModel::ChangeKindRole).toInt(), int(Kind::Removed));
    QCOMPARE(note.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(),
             QStringLiteral("\"leave at door\""));
    QVERIFY(note.data(Qt::FontRole).value<QFont>().strikeOut());
    QCOMPARE(model.pathForIndex(note), path("note"));

    const QModelIndex line = model.indexForPath(path("lines[1]"));
    QVERIFY(line.data(JsonTreeModel::GhostRole).toBool());
    QCOMPARE(model.rowCount(line), 0); // a ghost does not open
    QCOMPARE(model.rowCount(line.parent()), 2);
    QVERIFY(!model.indexForPath(path("lines[0]")).data(JsonTreeModel::GhostRole).toBool());

    // One step later the ghosts are gone.
    model.setState(after, {});
    QVERIFY(!model.indexForPath(path("note")).isValid());
    QCOMPARE(model.rowCount(), int(after.size()));
}

void TestStateInspector::addedSubtreeIsNew()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    // The first event: the state before it is null, so the whole state is one change at the root.
    const json::Value state = orderBefore();
    model.setState(state, json::diff(json::Value(), state));
    QCOMPARE(model.indexForPath(path("id")).data(JsonTreeModel::ChangeKindRole).toInt(), int(Kind::Added));
    QCOMPARE(model.indexForPath(path("customer.tier")).data(JsonTreeModel::ChangeKindRole).toInt(),
             int(Kind::Added));

    const json::Value after = orderAfter();
    model.setState(after, json::diff(state, after));
    QCOMPARE(model.indexForPath(path("lines[2].sku")).data(JsonTreeModel::ChangeKindRole).toInt(),
             int(Kind::Added));
    QVERIFY(!model.indexForPath(path("lines[1].sku")).data(JsonTreeModel::ChangeKindRole).isValid());
}

void TestStateInspector::indexForPathRoundTrips()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    const json::Value state =
        parsed("{\"a\": {\"b\": [1, {\"c d\": [[], {}]}], \"\u00e9\": null}, \"e\": [true]}");
    model.setState(state);
    const std::vector<json::Path> paths = allPaths(state);
    QCOMPARE(paths.size(), std::size_t(10));
    for (const json::Path& p : paths) {
        const QModelIndex index = model.indexForPath(p, JsonTreeModel::ValueColumn);
        QVERIFY2(index.isValid(), qPrintable(describe(p)));
        QCOMPARE(index.column(), int(JsonTreeModel::ValueColumn));
        QCOMPARE(model.pathForIndex(index), p);
        QCOMPARE(index.data(JsonTreeModel::PathRole).value<json::Path>(), p);
        QCOMPARE(model.valueAt(index), *json::lookup(state, p));
        QCOMPARE(index.data(JsonTreeModel::JsonRole).toString(),
                 QString::fromUtf8(json::toJson(*json::lookup(state, p))));
    }
    QVERIFY(!model.indexForPath(path("a.missing")).isValid());
    QVERIFY(!model.indexForPath(path("e[1]")).isValid());
    QVERIFY(!model.indexForPath(path("a.b[0].deeper")).isValid());
    QVERIFY(!model.indexForPath({}).isValid()); // the root of a container state has no row
}

void TestStateInspector::scalarState()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    model.setState(json::Value(42), json::diff(json::Value(41), json::Value(42)));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.indexForPath({});
    QCOMPARE(root.row(), 0);
    QCOMPARE(root.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("42"));
    QCOMPARE(root.data(JsonTreeModel::ChangeTextRole).toString(), QStringLiteral("41 \u2192 42"));
    model.setState(orderBefore());
    QCOMPARE(model.rowCount(), int(orderBefore().size()));
    model.setState(json::Value());
    QCOMPARE(model.rowCount(), 1);
}

void TestStateInspector::valueDisplay()
{
    JsonTreeModel model;
    const json::Value state =
        parsed("{\"s\": \"a\\\"b\", \"n\": 129.5, \"i\": 3, \"t\": true, \"z\": null, \"o\": {\"x\": 1},"
               " \"a\": [1, 2], \"long\": \"" +
               std::string(5000, 'x') + "\"}");
    model.setState(state);
    auto value = [&](const char* p) {
        return model.indexForPath(path(p), JsonTreeModel::ValueColumn).data().toString();
    };
    auto type = [&](const char* p) {
        return model.indexForPath(path(p), JsonTreeModel::TypeColumn).data().toString();
    };
    QCOMPARE(value("s"), QStringLiteral("\"a\\\"b\""));
    QCOMPARE(value("n"), QStringLiteral("129.5"));
    QCOMPARE(value("i"), QStringLiteral("3"));
    QCOMPARE(value("t"), QStringLiteral("true"));
    QCOMPARE(value("z"), QStringLiteral("null"));
    QCOMPARE(value("o"), QStringLiteral("{1}"));
    QCOMPARE(value("a"), QStringLiteral("[2]"));
    QVERIFY(value("long").size() < 500); // cut for the cell; the view elides the rest
    QCOMPARE(type("o"), QStringLiteral("object"));
    QCOMPARE(type("a"), QStringLiteral("array"));
    QCOMPARE(type("n"), QStringLiteral("number"));
    QCOMPARE(model.indexForPath(path("a[1]")).data().toString(), QStringLiteral("[1]"));
    QCOMPARE(model.indexForPath(path("a[1]"), JsonTreeModel::ValueColumn)
                 .data(Qt::FontRole)
                 .value<QFont>()
                 .fixedPitch(),
             QFont(QFontDatabase::systemFont(QFontDatabase::FixedFont)).fixedPitch());
}

void TestStateInspector::watchList()
{
    WatchListModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    const json::Value before = orderBefore();
    const json::Value after = orderAfter();

    QVERIFY(model.pin(path("total")));
    QVERIFY(model.pin(path("customer.name")));
    QVERIFY(model.pin(path("lines[2].sku")));
    QVERIFY(!model.pin(path("total"))); // already pinned
    QCOMPARE(model.rowCount(), 3);

    model.setState(before, before);
    QCOMPARE(model.index(0, WatchListModel::ValueColumn).data().toString(), QStringLiteral("99.5"));
    QCOMPARE(model.index(0, WatchListModel::PathColumn).data().toString(), QStringLiteral("total"));
    QVERIFY(!model.changedAt(0));
    QVERIFY(!model.index(2, 0).data(WatchListModel::PresentRole).toBool());
    QCOMPARE(model.index(2, WatchListModel::ValueColumn).data().toString(), QStringLiteral("absent"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setState(after, before);
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.changedAt(0));
    QCOMPARE(model.index(0, WatchListModel::ValueColumn).data().toString(), QStringLiteral("129.5"));
    QCOMPARE(model.index(0, WatchListModel::PreviousColumn).data().toString(), QStringLiteral("99.5"));
    QVERIFY(model.index(0, WatchListModel::ValueColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.changedAt(1));
    QVERIFY(!model.index(1, WatchListModel::ValueColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.changedAt(2));
    QCOMPARE(*model.valueAt(2), json::Value("sku-9"));
    QVERIFY(!model.previousAt(2));
    QCOMPARE(model.index(1, 0).data(WatchListModel::PathRole).value<json::Path>(), path("customer.name"));

    model.setState(after, after);
    QVERIFY(!model.changedAt(0) && !model.changedAt(2));

    QVERIFY(model.unpin(path("customer.name")));
    QVERIFY(!model.unpin(path("customer.name")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.paths(), (std::vector<json::Path>{path("total"), path("lines[2].sku")}));
}

void TestStateInspector::diffRows()
{
    StateDiffModel model;
    QAbstractItemModelTester tester(&model, qtTestReporting);
    QCOMPARE(model.rowCount(), 0);
    json::Value a = orderBefore();
    json::Value b = orderAfter();
    b.remove("note");
    b.member("customer").insert("tier", json::Value("platinum"));
    model.setSides(a, 1200, b, 4711);

    const std::vector<json::DiffEntry> expected = json::diff(a, b);
    QCOMPARE(model.rowCount(), int(expected.size()));
    QCOMPARE(model.rowCount(), 4);
    for (int row = 0; row < model.rowCount(); ++row) {
        const json::DiffEntry& entry = expected[std::size_t(row)];
        QCOMPARE(model.index(row, 0).data(StateDiffModel::PathRole).value<json::Path>(), entry.path);
        QCOMPARE(model.index(row, 0).data(StateDiffModel::KindRole).toInt(), int(entry.kind));
    }
    // Stable order: members by key, then elements by index.
    QCOMPARE(model.index(0, StateDiffModel::PathColumn).data().toString(), QStringLiteral("customer.tier"));
    QCOMPARE(model.index(0, StateDiffModel::AColumn).data().toString(), QStringLiteral("\"gold\""));
    QCOMPARE(model.index(0, StateDiffModel::BColumn).data().toString(), QStringLiteral("\"platinum\""));
    QCOMPARE(model.index(1, StateDiffModel::PathColumn).data().toString(), QStringLiteral("lines[2]"));
    QCOMPARE(model.index(1, StateDiffModel::KindColumn).data().toString(), QStringLiteral("added"));
    QCOMPARE(model.index(1, StateDiffModel::AColumn).data().toString(), QStringLiteral("absent"));
    QCOMPARE(model.index(2, StateDiffModel::KindColumn).data().toString(), QStringLiteral("removed"));
    QCOMPARE(model.index(3, StateDiffModel::PathColumn).data().toString(), QStringLiteral("total"));
    QCOMPARE(model.headerData(StateDiffModel::AColumn, Qt::Horizontal).toString(),
             QStringLiteral("A at #1,200"));
    QCOMPARE(model.headerData(StateDiffModel::BColumn, Qt::Horizontal).toString(),
             QStringLiteral("B at #4,711"));

    model.setSides(a, 1, a, 2);
    QCOMPARE(model.rowCount(), 0);
    model.clear();
    QVERIFY(!model.hasSides());
}

void TestStateInspector::search()
{
    const json::Value state = orderAfter();
    gui::JsonSearchResult found = gui::searchJson(state, QStringLiteral("SKU-7"));
    QCOMPARE(found.matches, (std::vector<json::Path>{path("lines[1].sku")}));
    QVERIFY(found.complete);
    found = gui::searchJson(state, QStringLiteral("qty"));
    QCOMPARE(found.matches.size(), std::size_t(3)); // keys match too
    found = gui::searchJson(state, QStringLiteral("129.5"));
    QCOMPARE(found.matches, (std::vector<json::Path>{path("total")}));
    found = gui::searchJson(state, QStringLiteral("sku"), 2);
    QCOMPARE(found.matches.size(), std::size_t(2));
    QVERIFY(!found.complete);
    QVERIFY(gui::searchJson(state, QString()).matches.empty());
}

void TestStateInspector::inspectorHeaderAndPartition()
{
    StateInspector inspector;
    QAbstractItemModelTester treeTester(inspector.treeModel(), qtTestReporting);
    QCOMPARE(inspector.headerText(), QStringLiteral("No state yet"));
    inspector.setProjectionName(QStringLiteral("builtin"));
    inspector.setPartitions({QStringLiteral("order-7"), QStringLiteral("order-42")});
    inspector.setReplayResult(result(orderBefore(), orderAfter(), 4711));
    QCOMPARE(inspector.headerText(), QStringLiteral("order-42 at #4,711 \u00b7 builtin"));

    auto* combo = inspector.findChild<QComboBox*>();
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), QStringLiteral("order-42"));
    QSignalSpy requested(&inspector, &StateInspector::partitionRequested);
    emit combo->activated(1); // as the user picking "Whole state"
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QString());
    QSignalSpy follow(&inspector, &StateInspector::followRequested);
    emit combo->activated(0); // "Stream at the playhead"
    QCOMPARE(follow.count(), 1);
    inspector.setFollowing(true);
    inspector.setReplayResult(result(orderBefore(), orderAfter(), 4712));
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(inspector.headerText(), QStringLiteral("order-42 at #4,712 · builtin"));

    // The first state opens the way to the step's changes.
    QVERIFY(inspector.treeView()->isExpanded(inspector.treeModel()->indexForPath(path("lines"))));
}

void TestStateInspector::inspectorFilterFindsPath()
{
    StateInspector inspector;
    inspector.resize(500, 800);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setReplayResult(result(orderAfter(), orderAfter(), 10));
    const JsonTreeModel* model = inspector.treeModel();
    QVERIFY(!inspector.treeView()->isExpanded(model->indexForPath(path("lines"))));

    QTest::keyClicks(inspector.filterEdit(), QStringLiteral("sku-7"));
    QTRY_COMPARE(model->pathForIndex(inspector.treeView()->currentIndex()), path("lines[1].sku"));
    QVERIFY(inspector.treeView()->isExpanded(model->indexForPath(path("lines"))));
    QVERIFY(inspector.treeView()->isExpanded(model->indexForPath(path("lines[1]"))));
    QCOMPARE(inspector.matchCount(), 1);

    // Enter moves through the matches.
    inspector.filterEdit()->clear();
    QTest::keyClicks(inspector.filterEdit(), QStringLiteral("qty"));
    QTest::keyClick(inspector.filterEdit(), Qt::Key_Return);
    QCOMPARE(inspector.matchCount(), 3);
    QCOMPARE(model->pathForIndex(inspector.treeView()->currentIndex()), path("lines[0].qty"));
    QTest::keyClick(inspector.filterEdit(), Qt::Key_Return);
    QCOMPARE(model->pathForIndex(inspector.treeView()->currentIndex()), path("lines[1].qty"));
}

void TestStateInspector::inspectorPinAction()
{
    StateInspector inspector;
    QAbstractItemModelTester watchTester(inspector.watchModel(), qtTestReporting);
    inspector.setReplayResult(result(orderBefore(), orderAfter(), 5));
    QVERIFY(inspector.revealPath(path("total")));
    QVERIFY(inspector.pinAction()->isEnabled());
    inspector.pinAction()->trigger();
    QCOMPARE(inspector.watchModel()->rowCount(), 1);
    QCOMPARE(inspector.watchModel()->paths().front(), path("total"));
    QVERIFY(inspector.watchModel()->changedAt(0));
    QVERIFY(!inspector.pinAction()->isEnabled()); // pinned once
    QVERIFY(inspector.watchPanel()->isExpanded());

    inspector.setReplayResult(result(orderAfter(), orderAfter(), 6));
    QVERIFY(!inspector.watchModel()->changedAt(0));
    QCOMPARE(inspector.watchModel()->index(0, WatchListModel::ValueColumn).data().toString(),
             QStringLiteral("129.5"));

    QSignalSpy activated(&inspector, &StateInspector::pathActivated);
    emit inspector.watchPanel()->view()->activated(inspector.watchModel()->index(0, 0));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(inspector.treeModel()->pathForIndex(inspector.treeView()->currentIndex()), path("total"));

    inspector.watchPanel()->view()->setCurrentIndex(inspector.watchModel()->index(0, 0));
    inspector.watchPanel()->unpinAction()->trigger();
    QCOMPARE(inspector.watchModel()->rowCount(), 0);
}

void TestStateInspector::inspectorKeepsExpansionAndSelection()
{
    StateInspector inspector;
    QAbstractItemModelTester treeTester(inspector.treeModel(), qtTestReporting);
    inspector.resize(500, 800);
    inspector.show();
    const JsonTreeModel* model = inspector.treeModel();
    QTreeView* view = inspector.treeView();
    inspector.setReplayResult(result(orderBefore(), orderBefore(), 100));
    for (const char* p : {"customer", "lines", "lines[0]"})
        view->expand(model->indexForPath(path(p)));
    QVERIFY(inspector.revealPath(path("customer.tier")));

    // The next state: a member before "customer" disappears, so rows move; the paths stay.
    json::Value next = orderAfter();
    next.remove("status");
    inspector.setReplayResult(result(orderBefore(), next, 101));
    for (const char* p : {"customer", "lines", "lines[0]"})
        QVERIFY2(view->isExpanded(model->indexForPath(path(p))), p);
    QVERIFY(!view->isExpanded(model->indexForPath(path("lines[1]"))));
    QCOMPARE(model->pathForIndex(view->currentIndex()), path("customer.tier"));
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);

    // A third state where "customer" is gone: its expansion goes, the others stay.
    json::Value third = next;
    third.remove("customer");
    inspector.setReplayResult(result(next, third, 102));
    QVERIFY(view->isExpanded(model->indexForPath(path("lines[0]"))));
    QVERIFY(!view->currentIndex().isValid() ||
            model->pathForIndex(view->currentIndex()) != path("customer.tier"));
}

void TestStateInspector::inspectorMarksAndDiff()
{
    StateInspector inspector;
    QAbstractItemModelTester diffTester(inspector.diffModel(), qtTestReporting);
    inspector.setReplayResult(result(orderBefore(), orderAfter(), 20));
    QSignalSpy marks(&inspector, &StateInspector::markRequested);
    QVERIFY(!inspector.showDiff());
    // The owner answers each request with the state at the playhead.
    connect(&inspector, &StateInspector::markRequested, &inspector, [&](char which) {
        inspector.setSide(which, which == 'A' ? orderBefore() : orderAfter(), which == 'A' ? 19 : 20);
    });
    const auto buttons = inspector.findChildren<QToolButton*>();
    auto button = [&](const QString& text) -> QToolButton* {
        for (QToolButton* b : buttons) {
            if (b->text() == text)
                return b;
        }
        return nullptr;
    };
    QVERIFY(button(QStringLiteral("Mark A")) && button(QStringLiteral("Diff A/B")));
    QVERIFY(!button(QStringLiteral("Diff A/B"))->isEnabled());
    button(QStringLiteral("Mark A"))->click();
    button(QStringLiteral("Mark B"))->click();
    QCOMPARE(marks.count(), 2);
    QCOMPARE(marks.at(0).at(0).value<char>(), 'A');
    QVERIFY(button(QStringLiteral("Diff A/B"))->isEnabled());
    button(QStringLiteral("Diff A/B"))->click();
    QCOMPARE(inspector.tabs()->currentIndex(), 1);
    QCOMPARE(inspector.diffModel()->rowCount(), 2); // lines[2] added, total changed
    QCOMPARE(inspector.diffModel()->positionA(), 19);
    QCOMPARE(inspector.diffModel()->positionB(), 20);
}

void TestStateInspector::inspectorPending()
{
    StateInspector inspector;
    inspector.setPending(true);
    QVERIFY(inspector.isPending());
    QVERIFY(inspector.treeView()->isEnabled()); // dimmed, never blocked
    inspector.setReplayResult(result(orderBefore(), orderAfter(), 3));
    QVERIFY(!inspector.isPending());
    inspector.clear();
    QCOMPARE(inspector.treeModel()->rowCount(), 0);
    QCOMPARE(inspector.headerText(), QStringLiteral("No state yet"));
}

// 200,000 members through the whole page: opening, a new result and a search make no node per
// member. The time is printed rather than asserted, as shared and sanitizer machines vary.
void TestStateInspector::inspectorLargeState()
{
    json::Value stock = json::Value::object();
    for (int i = 0; i < 200'000; ++i)
        stock.insert(QStringLiteral("sku-%1").arg(i).toStdString(), json::Value(i % 17));
    json::Value before = json::Value::object();
    before.insert("stock", stock);
    json::Value after = before;
    after.member("stock").insert("sku-199999", json::Value(-3));

    StateInspector inspector;
    inspector.resize(500, 800);
    inspector.show();
    QElapsedTimer timer;
    timer.start();
    inspector.setReplayResult(result(before, after, 1));
    const JsonTreeModel* model = inspector.treeModel();
    QVERIFY(inspector.treeView()->isExpanded(model->indexForPath(path("stock"))));
    QVERIFY(model->nodeCount() <= 3);
    QCoreApplication::processEvents(); // lays the 200,000 rows out and paints
    json::Value third = after;
    third.member("stock").insert("sku-5", json::Value(99));
    inspector.setReplayResult(result(after, third, 2));
    QCoreApplication::processEvents();
    QVERIFY(inspector.treeView()->isExpanded(model->indexForPath(path("stock"))));
    inspector.filterEdit()->setText(QStringLiteral("sku-123456"));
    QTest::keyClick(inspector.filterEdit(), Qt::Key_Return);
    QCOMPARE(model->pathForIndex(inspector.treeView()->currentIndex()), path("stock[\"sku-123456\"]"));
    QVERIFY(model->nodeCount() <= 3);
    qDebug() << "200,000 members: two results, a layout each and a search in" << timer.elapsed() << "ms";
}

QTEST_MAIN(TestStateInspector)
#include "tst_stateinspector.moc"
