#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace eventscope::gui {

class ReadModelModel;

// Compares the way people read keys and labels: case aside, and runs of digits by their value, so
// sku-2 comes before sku-10. Negative, zero or positive, as QString::compare.
int naturalCompare(QStringView a, QStringView b);

// What the filter field of a read model means. Plain text keeps the rows with a cell containing it
// (case aside). `field op value` conditions, joined by &&, query the columns instead, as a read model
// is queried: `stock < 0`, `warehouse == WH-LYON && reserved >= 10`, `key ~ sku-1` (op: == != < <=
// > >= ~, where ~ is "contains"; numbers compare as numbers, text naturally, `null` matches an
// absent or null field). Text that does not parse as conditions on known columns is plain text.
class ReadModelFilter
{
public:
    enum class Op
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Contains
    };
    struct Condition
    {
        int column = 0;
        Op op = Op::Equal;
        QString text;                 // the value as typed, quotes removed
        std::optional<double> number; // when it reads as a number
    };

    ReadModelFilter() = default;
    // `columns`: the model's column names (ReadModelModel::columnName), matched case aside.
    static ReadModelFilter parse(const QString& text, const QStringList& columns);

    bool isEmpty() const { return m_text.isEmpty(); }
    bool isQuery() const { return !m_conditions.empty(); }
    const std::vector<Condition>& conditions() const { return m_conditions; }
    QString text() const { return m_text; }

    bool accepts(const ReadModelModel& model, int row) const;

private:
    bool satisfies(const ReadModelModel& model, int row, const Condition& condition) const;

    QString m_text;
    std::vector<Condition> m_conditions;
};

} // namespace eventscope::gui
