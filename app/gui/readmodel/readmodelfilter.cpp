#include "readmodelfilter.h"

#include "readmodelmodel.h"

#include <QRegularExpression>

namespace eventscope::gui {
namespace {

// The digits of s from i on, as a run: its value's length without leading zeros, and where it ends.
struct DigitRun
{
    qsizetype start = 0;
    qsizetype end = 0;
};

DigitRun digitRun(QStringView s, qsizetype i)
{
    qsizetype end = i;
    while (end < s.size() && s[end].isDigit())
        ++end;
    qsizetype start = i;
    while (start + 1 < end && s[start] == QLatin1Char('0'))
        ++start;
    return {start, end};
}

bool compares(int order, ReadModelFilter::Op op)
{
    switch (op) {
    case ReadModelFilter::Op::Equal:
        return order == 0;
    case ReadModelFilter::Op::NotEqual:
        return order != 0;
    case ReadModelFilter::Op::Less:
        return order < 0;
    case ReadModelFilter::Op::LessOrEqual:
        return order <= 0;
    case ReadModelFilter::Op::Greater:
        return order > 0;
    case ReadModelFilter::Op::GreaterOrEqual:
        return order >= 0;
    case ReadModelFilter::Op::Contains:
        return false;
    }
    return false;
}

std::optional<ReadModelFilter::Op> opFromText(QStringView text)
{
    using Op = ReadModelFilter::Op;
    if (text == u"==" || text == u"=")
        return Op::Equal;
    if (text == u"!=")
        return Op::NotEqual;
    if (text == u"<")
        return Op::Less;
    if (text == u"<=")
        return Op::LessOrEqual;
    if (text == u">")
        return Op::Greater;
    if (text == u">=")
        return Op::GreaterOrEqual;
    if (text == u"~")
        return Op::Contains;
    return std::nullopt;
}

QString unquoted(QString text)
{
    if (text.size() >= 2 && (text.front() == QLatin1Char('"') || text.front() == QLatin1Char('\'')) &&
        text.back() == text.front())
        return text.mid(1, text.size() - 2);
    return text;
}

} // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            const DigitRun x = digitRun(a, i);
            const DigitRun y = digitRun(b, j);
            const qsizetype xLength = x.end - x.start;
            const qsizetype yLength = y.end - y.start;
            if (xLength != yLength)
                return xLength < yLength ? -1 : 1;
            if (const int order = a.mid(x.start, xLength).compare(b.mid(y.start, yLength)); order != 0)
                return order;
            i = x.end;
            j = y.end;
            continue;
        }
        const QChar x = a[i].toCaseFolded();
        const QChar y = b[j].toCaseFolded();
        if (x != y)
            return x < y ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return a.compare(b); // equal but for case or leading zeros: still a stable order
}

ReadModelFilter ReadModelFilter::parse(const QString& text, const QStringList& columns)
{
    ReadModelFilter filter;
    filter.m_text = text.trimmed();
    if (filter.m_text.isEmpty())
        return filter;
    static const QRegularExpression condition(
        QStringLiteral("^\\s*(\"[^\"]+\"|[^\\s<>=!~\"]+)\\s*(==|!=|<=|>=|=|<|>|~)\\s*(.*?)\\s*$"));
    std::vector<Condition> conditions;
    const QStringList parts = filter.m_text.split(QStringLiteral("&&"));
    for (const QString& part : parts) {
        const QRegularExpressionMatch match = condition.match(part);
        if (!match.hasMatch() || match.captured(3).isEmpty())
            return filter; // plain text
        const QString name = unquoted(match.captured(1));
        const qsizetype column = columns.indexOf(name, 0); // exact first, then case aside
        qsizetype found = column;
        for (qsizetype c = 0; found < 0 && c < columns.size(); ++c) {
            if (columns[c].compare(name, Qt::CaseInsensitive) == 0)
                found = c;
        }
        if (found < 0)
            return filter;
        Condition parsed;
        parsed.column = int(found);
        parsed.op = *opFromText(match.captured(2));
        parsed.text = unquoted(match.captured(3));
        bool isNumber = false;
        const double number = parsed.text.toDouble(&isNumber);
        if (isNumber)
            parsed.number = number;
        conditions.push_back(std::move(parsed));
    }
    filter.m_conditions = std::move(conditions);
    return filter;
}

bool ReadModelFilter::accepts(const ReadModelModel& model, int row) const
{
    if (isEmpty())
        return true;
    if (isQuery()) {
        for (const Condition& condition : m_conditions) {
            if (!satisfies(model, row, condition))
                return false;
        }
        return true;
    }
    for (int column = 0; column < model.columnCount(); ++column) {
        if (model.index(row, column).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool ReadModelFilter::satisfies(const ReadModelModel& model, int row, const Condition& condition) const
{
    const bool wantsNull = condition.text == QLatin1String("null");
    std::optional<double> number;
    QString text;
    if (condition.column == ReadModelModel::KeyColumn) {
        text = model.keyAt(row);
        if (model.rowsAreIndexes())
            number = text.toDouble();
    } else {
        const json::Value* cell = model.cellValue(row, condition.column);
        if (!cell || cell->isNull()) {
            if (condition.op == Op::Equal)
                return wantsNull;
            return condition.op == Op::NotEqual && !wantsNull;
        }
        if (cell->isNumber())
            number = cell->toDouble();
        text = cell->isString() ? cell->toQString() : QString::fromUtf8(json::toJson(*cell));
    }
    if (condition.op == Op::Contains)
        return text.contains(condition.text, Qt::CaseInsensitive);
    if (number && condition.number) {
        const int order = *number < *condition.number ? -1 : (*number > *condition.number ? 1 : 0);
        return compares(order, condition.op);
    }
    if (condition.op == Op::Equal || condition.op == Op::NotEqual)
        return compares(text.compare(condition.text, Qt::CaseInsensitive), condition.op);
    return compares(naturalCompare(text, condition.text), condition.op);
}

} // namespace eventscope::gui
