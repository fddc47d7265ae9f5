// The read model: a map inside the projection state as a table that follows the playhead in place.
#include "readmodel/mapcandidates.h"
#include "readmodel/readmodelfilter.h"
#include "readmodel/readmodelmodel.h"
#include "readmodel/readmodelproxy.h"
#include "readmodel/readmodelview.h"
#include "json/jsondiff.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace eventscope;
using namespace Qt::StringLiterals;
using namespace eventscope::gui;
using Kind = json::DiffEntry::Kind;

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

std::string skuKey(int i)
{
    return "sku-" + std::to_string(i);
}

// Stock per sku as stock-per-sku.js folds it: sku-i has stock i % 50 (sku-7 is short: -3).
json::Value stockState(int skus)
{
    json::Value state = json::Value::object();
    for (int i = 1; i <= skus; ++i) {
        json::Value sku = json::Value::object();
        sku.insert("sku", json::Value(skuKey(i)));
        sku.insert("warehouse", json::Value(i % 3 == 0 ? "WH-LYON" : "WH-HAMBURG"));
        sku.insert("stock", json::Value(i == 7 ? -3 : i % 50));
        sku.insert("price", i % 10 == 0 ? json::Value() : json::Value(10.0 + i * 0.25));
        state.insert(skuKey(i), std::move(sku));
    }
    return state;
}

struct Spies
{
    explicit Spies(QAbstractItemModel* model)
        : reset(model, &QAbstractItemModel::modelReset), changed(model, &QAbstractItemModel::dataChanged),
          inserted(model, &QAbstractItemModel::rowsInserted),
          removed(model, &QAbstractItemModel::rowsRemoved),
          columns(model, &QAbstractItemModel::columnsInserted)
    {}
    void clear()
    {
        reset.clear();
        changed.clear();
        inserted.clear();
        removed.clear();
        columns.clear();
    }
    // Rows covered by dataChanged signals.
    int changedRows() const
    {
        int rows = 0;
        for (const QList<QVariant>& args : changed)
            rows += args.at(1).toModelIndex().row() - args.at(0).toModelIndex().row() + 1;
        return rows;
    }
    QSignalSpy reset, changed, inserted, removed, columns;
};

QStringList keysInViewOrder(const QAbstractItemModel& model)
{
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys.append(model.index(row, ReadModelModel::KeyColumn).data().toString());
    return keys;
}

int columnNamed(const ReadModelModel& model, const QString& name)
{
    for (int column = 0; column < model.columnCount(); ++column) {
        if (model.columnName(column) == name)
            return column;
    }
    return -1;
}

} // namespace

class TestReadModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "10,000 rows"
    }

    // --- Finding the map -------------------------------------------------------------------------

    void candidatesInAState_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("expected"); // path (rows), largest first
        QTest::addRow("stock per sku: the state itself")
            << R"({"sku-1": {"stock": 1}, "sku-2": {"stock": 2}, "sku-3": null})" << QStringList{u"(3)"_s};
        QTest::addRow("open orders: not each order's lines")
            << R"({"openCount": 2, "placed": 5, "open": {"order-1": {"value": 3, "lines": {"sku-1": {"qty": 1}}},
                   "order-2": {"value": 4, "lines": {"sku-1": {"qty": 2}, "sku-2": {"qty": 1}}}}})"
            << QStringList{u"open(2)"_s};
        QTest::addRow("revenue per day: an array of objects")
            << R"({"total": 10, "days": [{"day": "2025-03-01"}, {"day": "2025-03-02"}], "tags": [1, 2]})"
            << QStringList{u"days(2)"_s};
        QTest::addRow("counts of scalars, largest first")
            << R"({"x": {"$counts": {"A": 1, "B": 2, "C": 3}, "more": {"deep": {"k": {"v": 1}}}}})"
            << QStringList{u"x.$counts(3)"_s, u"(1)"_s, u"x.more(1)"_s, u"x.more.deep(1)"_s,
                           u"x.more.deep.k(1)"_s};
        QTest::addRow("unlike objects are not a table; one row may be")
            << R"({"stock": {"sku-1": {"qty": 1}}, "orders": {"o-1": {"v": 1}, "o-2": {"v": 2}}})"
            << QStringList{u"orders(2)"_s, u"stock(1)"_s, u"stock[\"sku-1\"](1)"_s};
        QTest::addRow("nothing table-like") << R"({"a": [1, {"b": 2}], "c": {}})" << QStringList{};
        QTest::addRow("a scalar state") << "42" << QStringList{};
    }

    void candidatesInAState()
    {
        QFETCH(QString, state);
        QFETCH(QStringList, expected);
        QStringList found;
        for (const MapCandidate& candidate : findMapCandidates(parsed(state.toStdString())))
            found.append(json::formatPath(candidate.path) + QStringLiteral("(%1)").arg(candidate.rows));
        QCOMPARE(found, expected);
    }

    // --- The model ------------------------------------------------------------------------------

    void columnsAreTheUnionOfFields()
    {
        ReadModelModel model;
        QAbstractItemModelTester tester(&model, qtTestReporting);
        model.setState(parsed(R"({"a": {"x": 1}, "b": {"y": "text", "z": {"deep": true}}, "c": 5})"));
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.columnName(0), QStringLiteral("Key"));
        QCOMPARE(model.columnName(1), QStringLiteral("x"));
        QCOMPARE(model.columnName(4), QStringLiteral("Value"));                // c is a scalar row
        QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("text")); // strings without quotes
        QCOMPARE(model.index(1, 3).data().toString(), QStringLiteral("{\"deep\":true}")); // nested: compact
        QVERIFY(!model.index(0, 2).data().isValid());                                     // a has no y
        QCOMPARE(model.index(2, 4).data().toString(), QStringLiteral("5"));
        QCOMPARE(model.index(0, 1).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight,
                 Qt::AlignRight);
    }

    void stepsUpdateInPlace_data()
    {
        QTest::addColumn<int>("skus");
        QTest::addColumn<bool>("underTester");
        QTest::addRow("1,000 rows, checked by QAbstractItemModelTester") << 1000 << true;
        // The tester re-reads every row on each change: at this size it would take seconds.
        QTest::addRow("10,000 rows") << 10'000 << false;
    }

    void stepsUpdateInPlace()
    {
        QFETCH(int, skus);
        QFETCH(bool, underTester);
        ReadModelModel model;
        ReadModelProxy proxy(&model);
        std::optional<QAbstractItemModelTester> modelTester;
        std::optional<QAbstractItemModelTester> proxyTester;
        if (underTester) {
            modelTester.emplace(&model, qtTestReporting);
            proxyTester.emplace(&proxy, qtTestReporting);
        }
        json::Value before = stockState(skus);
        model.setState(before);
        QCOMPARE(model.rowCount(), skus);
        QCOMPARE(model.columnCount(), 5);
        const std::string falls = skuKey(skus * 2 / 5);
        const std::string repriced = skuKey(skus - 1);
        const std::string gone = skuKey(skus / 20);
        const std::string fresh = skuKey(skus + 1);
        proxy.sort(columnNamed(model, QStringLiteral("stock")), Qt::DescendingOrder);

        Spies spies(&model);
        // One event: three skus move, one appears, one goes.
        json::Value after = before;
        after.member("sku-10").insert("stock", json::Value(99));
        after.member(falls).insert("stock", json::Value(-50));
        after.member(repriced).insert("price", json::Value(1.5));
        json::Value added = json::Value::object();
        added.insert("stock", json::Value(7));
        added.insert("discontinued", json::Value(false));
        after.insert(fresh, added);
        after.remove(gone);
        model.setState(after, json::diff(before, after));

        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.columns.size(), 1); // "discontinued"
        QCOMPARE(model.columnName(model.columnCount() - 1), QStringLiteral("discontinued"));
        // The three changed rows, signalled once for their values and once for their marks.
        QVERIFY2(spies.changedRows() <= 7, qPrintable(QString::number(spies.changedRows())));
        QCOMPARE(model.rowCount(), skus);
        QCOMPARE(model.rowOfKey(QString::fromStdString(gone)), -1);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("sku-10")); // 99 sorts first now
        QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data().toString(), QString::fromStdString(falls));

        // The same state again with no step (a jump): only the four marks of the last step go.
        spies.clear();
        model.setState(after, {});
        QCOMPARE(spies.changedRows(), 4);
        QCOMPARE(spies.inserted.size() + spies.removed.size() + spies.reset.size(), 0);
    }

    void lastStepIsMarked()
    {
        ReadModelModel model;
        QAbstractItemModelTester tester(&model, qtTestReporting);
        const json::Value before = stockState(20);
        model.setState(before);
        json::Value after = before;
        after.member("sku-3").insert("stock", json::Value(0));
        json::Value fresh = json::Value::object();
        fresh.insert("stock", json::Value(1));
        after.insert("sku-21", fresh);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setState(after, json::diff(before, after));

        const int sku3 = model.rowOfKey(QStringLiteral("sku-3"));
        const int sku21 = model.rowOfKey(QStringLiteral("sku-21"));
        const int stock = columnNamed(model, QStringLiteral("stock"));
        QCOMPARE(model.index(sku3, 0).data(ReadModelModel::ChangeKindRole).toInt(), int(Kind::Changed));
        QCOMPARE(model.index(sku21, 0).data(ReadModelModel::ChangeKindRole).toInt(), int(Kind::Added));
        QVERIFY(model.index(sku3, stock).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(sku3, stock).data(ReadModelModel::CellChangedRole).toBool());
        QVERIFY(!model.index(sku3, columnNamed(model, QStringLiteral("price")))
                     .data(ReadModelModel::CellChangedRole)
                     .toBool());
        QVERIFY(!model.index(0, 0).data(ReadModelModel::ChangeKindRole).isValid());

        // The next step touches another row: sku-3's mark goes, with a signal for its row.
        json::Value next = after;
        next.member("sku-1").insert("stock", json::Value(42));
        changed.clear();
        model.setState(next, json::diff(after, next));
        QVERIFY(!model.index(sku3, 0).data(ReadModelModel::ChangeKindRole).isValid());
        bool sku3Signalled = false;
        for (const QList<QVariant>& args : changed)
            sku3Signalled |=
                args.at(0).toModelIndex().row() <= sku3 && sku3 <= args.at(1).toModelIndex().row();
        QVERIFY(sku3Signalled);
    }

    void mapsThatComeAndGo()
    {
        ReadModelModel model;
        QAbstractItemModelTester tester(&model, qtTestReporting);
        model.setPath(path("open"));
        model.setState(parsed(R"({"openCount": 0})"));
        QVERIFY(!model.pathFound());
        QCOMPARE(model.rowCount(), 0);
        const json::Value before = parsed(R"({"openCount": 0})");
        const json::Value after = parsed(R"({"openCount": 1, "open": {"order-1": {"value": 12.5}}})");
        model.setState(after, json::diff(before, after));
        QVERIFY(model.pathFound());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(ReadModelModel::ChangeKindRole).toInt(), int(Kind::Added));
        model.setState(before, json::diff(after, before));
        QCOMPARE(model.rowCount(), 0);
        // An array of objects: rows by index.
        model.setPath(path("days"));
        model.setState(parsed(R"({"days": [{"day": "2025-03-01", "revenue": 10}, {"day": "2025-03-02"}]})"));
        QVERIFY(model.rowsAreIndexes());
        QCOMPARE(model.columnName(0), QStringLiteral("Index"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("2025-03-02"));
    }

    // --- Sorting and filtering ------------------------------------------------------------------

    void sortsNumbersByValueAndTextNaturally()
    {
        ReadModelModel model;
        ReadModelProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy, qtTestReporting);
        model.setState(parsed(R"({"sku-10": {"n": 2}, "sku-2": {"n": 10}, "sku-1": {"n": 9.5},
            "SKU-3": {"n": -1}, "sku-20": {"n": "text"}, "sku-4": {}, "sku-5": {"n": null}})"));
        proxy.sort(0, Qt::AscendingOrder);
        QCOMPARE(keysInViewOrder(proxy), (QStringList{u"sku-1"_s, u"sku-2"_s, u"SKU-3"_s, u"sku-4"_s,
                                                      u"sku-5"_s, u"sku-10"_s, u"sku-20"_s}));
        proxy.sort(1, Qt::AscendingOrder);
        QCOMPARE(keysInViewOrder(proxy).mid(0, 5),
                 (QStringList{u"SKU-3"_s, u"sku-10"_s, u"sku-1"_s, u"sku-2"_s, u"sku-20"_s}));
        QVERIFY(naturalCompare(u"a9", u"a10") < 0);
        QVERIFY(naturalCompare(u"a010", u"a9") > 0);
        QVERIFY(naturalCompare(u"B", u"a") > 0);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("isQuery");
        QTest::addColumn<QStringList>("keys");
        QTest::addRow("plain text, case aside")
            << "lyon" << false << QStringList{u"sku-3"_s, u"sku-6"_s, u"sku-9"_s};
        QTest::addRow("a number") << "stock < 0" << true << QStringList{u"sku-7"_s};
        QTest::addRow("two conditions")
            << "warehouse == wh-lyon && stock >= 5" << true << QStringList{u"sku-6"_s, u"sku-9"_s};
        QTest::addRow("on the key") << "key ~ sku-1" << true << QStringList{u"sku-1"_s, u"sku-10"_s};
        QTest::addRow("keys naturally") << "key > sku-8" << true << QStringList{u"sku-9"_s, u"sku-10"_s};
        QTest::addRow("absent") << "price == null" << true << QStringList{u"sku-10"_s};
        QTest::addRow("present") << "price != null && stock <= 2" << true
                                 << QStringList{u"sku-1"_s, u"sku-2"_s, u"sku-7"_s};
        QTest::addRow("unknown column: text") << "colour = red" << false << QStringList{};
        QTest::addRow("quoted") << "warehouse = \"WH-HAMBURG\" && stock > 7" << true
                                << QStringList{u"sku-8"_s, u"sku-10"_s};
    }

    void filters()
    {
        QFETCH(QString, filter);
        QFETCH(bool, isQuery);
        QFETCH(QStringList, keys);
        ReadModelModel model;
        ReadModelProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy, qtTestReporting);
        model.setState(stockState(10));
        proxy.sort(0);
        proxy.setFilterText(filter);
        QCOMPARE(proxy.filter().isQuery(), isQuery);
        QCOMPARE(keysInViewOrder(proxy), keys);
    }

    // --- The view, as a user meets it --------------------------------------------------------------

    void viewFindsTheMapAndKeepsSortSelectionAndScroll()
    {
        ReadModelView view;
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.messageText().isEmpty()); // no state yet

        replay::StateResult result;
        result.position = 100;
        result.state = json::Value::object();
        result.state.insert("openCount", json::Value(10'000));
        result.state.insert("open", stockState(10'000));
        view.setState(result);
        QCOMPARE(view.pathText(), QStringLiteral("open"));
        QVERIFY(view.isPathAutomatic());
        QVERIFY(view.messageText().isEmpty());
        QCOMPARE(view.countText(), QStringLiteral("10,000 rows"));

        QTableView* table = view.tableView();
        // Sort by stock, descending, with a click on its header (twice).
        const int stock = columnNamed(*view.model(), QStringLiteral("stock"));
        QHeaderView* header = table->horizontalHeader();
        const QPoint stockHeader(header->sectionViewportPosition(stock) + 10, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, stockHeader);
        if (header->sortIndicatorOrder() != Qt::DescendingOrder)
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, stockHeader);
        QCOMPARE(header->sortIndicatorSection(), stock);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

        // Select sku-1234 (stock 34) and scroll somewhere.
        const QModelIndex chosen =
            view.proxy()->mapFromSource(view.model()->index(view.model()->rowOfKey(u"sku-1234"_s), 0));
        table->scrollTo(chosen);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(chosen).center());
        QCOMPARE(table->currentIndex().data().toString(), QStringLiteral("sku-1234"));
        const int scroll = table->verticalScrollBar()->value();
        QVERIFY(scroll > 0);

        // The playhead moves: one sku far away changes.
        QSignalSpy reset(view.proxy(), &QAbstractItemModel::modelReset);
        replay::StateResult next = result;
        next.position = 101;
        next.state.member("open").member("sku-9000").insert("stock", json::Value(1));
        next.lastStep = json::diff(result.state, next.state);
        view.setState(next);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(header->sortIndicatorSection(), stock);
        QCOMPARE(table->currentIndex().data().toString(), QStringLiteral("sku-1234"));
        QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
        QCOMPARE(table->verticalScrollBar()->value(), scroll);

        // The selected row itself changes and moves in the sort: the selection goes with it.
        replay::StateResult third = next;
        third.position = 102;
        third.state.member("open").member("sku-1234").insert("stock", json::Value(1000));
        third.lastStep = json::diff(next.state, third.state);
        view.setState(third);
        QCOMPARE(table->currentIndex().data().toString(), QStringLiteral("sku-1234"));
        QCOMPARE(table->currentIndex().row(), 0);
        QVERIFY(table->currentIndex().data(Qt::BackgroundRole).isValid()); // marked as changed

        // Typing a query in the filter field.
        QTest::keyClicks(view.filterEdit(), QStringLiteral("stock < 0"));
        QTRY_COMPARE(view.proxy()->rowCount(), 1);
        QCOMPARE(view.countText(), QStringLiteral("1 of 10,000 rows"));
        QCOMPARE(view.proxy()->index(0, 0).data().toString(), QStringLiteral("sku-7"));
    }

    void viewPathChoice()
    {
        ReadModelView view;
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        replay::StateResult result;
        result.position = 5;
        result.state = parsed(R"({"open": {"order-1": {"value": 1}, "order-2": {"value": 2}},
                                  "byChannel": {"web": 1, "shop": 2, "phone": 3}})");
        view.setState(result);
        QCOMPARE(view.pathText(), QStringLiteral("byChannel")); // the largest
        QCOMPARE(view.pathCombo()->count(), 2);

        // The user picks the other one with the keyboard.
        QSignalSpy chosen(&view, &ReadModelView::pathChosen);
        view.pathCombo()->setFocus();
        QTest::keyClick(view.pathCombo(), Qt::Key_Down);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toString(), QStringLiteral("open"));
        QVERIFY(!view.isPathAutomatic());
        QCOMPARE(view.model()->columnName(1), QStringLiteral("value"));

        // Scrubbed back to before the map was made: the choice stays, and the view says why it is empty.
        replay::StateResult early;
        early.position = 1;
        early.state = parsed(R"({"byChannel": {"web": 1}})");
        view.setState(early);
        QCOMPARE(view.pathText(), QStringLiteral("open"));
        QVERIFY2(view.messageText().contains(QStringLiteral("not in the state at #1")),
                 qPrintable(view.messageText()));
        QCOMPARE(view.pathCombo()->currentText(), QStringLiteral("open · not in the state"));

        // Back to finding it by itself; a saved choice that is not a path is refused.
        view.setState(result);
        QVERIFY(!view.setPathText(QStringLiteral("open[")));
        QVERIFY(view.setPathText(QString()));
        QCOMPARE(view.pathText(), QStringLiteral("byChannel"));
        QVERIFY(view.setPathText(QStringLiteral("open")));
        QCOMPARE(view.pathText(), QStringLiteral("open"));
    }
};

QTEST_MAIN(TestReadModel)
#include "tst_readmodel.moc"
