#include "filterevaluator.h"

#include "json/jsonpath.h"

#include <string_view>

// The in-memory reading of a filter. It defines what a filter means as much as the SQL does
// (filtersql.cpp), and the two are held to agree by tst_filter: text compares as UTF-8 bytes (as
// SQLite's BINARY collation), payload comparisons need a value of the literal's type, and a
// payload that is not JSON reads as missing everywhere.
namespace eventscope::filter::detail {
namespace {

template <typename T> bool compareValues(const T& a, const T& b, CompareOp op)
{
    switch (op) {
    case CompareOp::Equal:
        return a == b;
    case CompareOp::Less:
        return a < b;
    case CompareOp::LessEqual:
        return a <= b;
    case CompareOp::Greater:
        return a > b;
    case CompareOp::GreaterEqual:
        return a >= b;
    }
    return false;
}

bool compareInteger(qint64 value, const Literal& literal, CompareOp op)
{
    if (literal.integer)
        return compareValues(value, *literal.integer, op);
    return compareValues(double(value), literal.number, op);
}

qint64 integerField(const Event& event, Field field)
{
    switch (field) {
    case Field::Position:
        return event.position;
    case Field::Version:
        return event.streamVersion;
    case Field::Time:
        return event.timeUs;
    default:
        return 0;
    }
}

QString textField(const Event& event, Field field)
{
    switch (field) {
    case Field::Stream:
        return event.stream;
    case Field::Category:
        return categoryOf(event.stream);
    case Field::Type:
        return event.type;
    case Field::Id:
        return event.id;
    case Field::Causation:
        return event.causationId;
    case Field::Correlation:
        return event.correlationId;
    default:
        return {};
    }
}

bool compareText(const QString& value, const Literal& literal, CompareOp op)
{
    if (op == CompareOp::Equal)
        return value == literal.text;
    // Byte order of UTF-8, which differs from QString's UTF-16 order above U+FFFF.
    const std::string utf8 = value.toStdString();
    return compareValues(std::string_view(utf8), std::string_view(literal.utf8), op);
}

bool textCondition(const Node& node, const QString& value)
{
    switch (node.test) {
    case Test::Compare:
        return compareText(value, node.values.front(), node.op);
    case Test::Regex:
        return node.regex.match(value).hasMatch();
    case Test::In:
        for (const Literal& literal : node.values) {
            if (literal.kind == Literal::Kind::Null ? value.isEmpty() : value == literal.text)
                return true;
        }
        return false;
    case Test::Exists:
        return !value.isEmpty();
    case Test::IsNull:
        return value.isEmpty();
    }
    return false;
}

bool regexMatches(const QRegularExpression& regex, std::string_view utf8)
{
    return regex.match(QString::fromUtf8(utf8.data(), qsizetype(utf8.size()))).hasMatch();
}

bool payloadEquals(const json::Value* value, const Literal& literal, CompareOp op)
{
    switch (literal.kind) {
    case Literal::Kind::Number:
        return value && value->isNumber() && compareValues(value->toDouble(), literal.number, op);
    case Literal::Kind::Text:
        return value && value->isString() &&
               compareValues(value->toStringView(), std::string_view(literal.utf8), op);
    case Literal::Kind::Bool:
        return value && value->isBool() && value->toBool() == literal.boolean;
    case Literal::Kind::Null:
        return !value || value->isNull();
    }
    return false;
}

bool payloadCondition(const Node& node, const json::Value* value)
{
    switch (node.test) {
    case Test::Compare:
        return payloadEquals(value, node.values.front(), node.op);
    case Test::Regex:
        return value && value->isString() && regexMatches(node.regex, value->toStringView());
    case Test::In:
        for (const Literal& literal : node.values) {
            if (payloadEquals(value, literal, CompareOp::Equal))
                return true;
        }
        return false;
    case Test::Exists:
        return value != nullptr;
    case Test::IsNull:
        return !value || value->isNull();
    }
    return false;
}

bool condition(const Node& node, EventView& view)
{
    const Field field = node.field.field;
    switch (kindOf(field)) {
    case FieldKind::Integer:
    case FieldKind::Time: {
        const qint64 value = integerField(view.event(), field);
        if (node.test == Test::Compare)
            return compareInteger(value, node.values.front(), node.op);
        if (node.test == Test::In) {
            for (const Literal& literal : node.values) {
                if (compareInteger(value, literal, CompareOp::Equal))
                    return true;
            }
        }
        return false;
    }
    case FieldKind::Text:
        return textCondition(node, textField(view.event(), field));
    case FieldKind::Payload:
        return payloadCondition(node, view.lookup(field, node.field.path));
    }
    return false;
}

} // namespace

const json::Value* EventView::lookup(Field payload, const json::Path& path)
{
    auto& parsed = payload == Field::Data ? m_data : m_metadata;
    if (!parsed) {
        const QByteArray& text = payload == Field::Data ? m_event.data : m_event.metadata;
        parsed = json::parse(text);
    }
    if (!*parsed)
        return nullptr;
    return json::lookup(**parsed, path);
}

bool evaluate(const Node& node, EventView& view)
{
    switch (node.kind) {
    case Node::Kind::And:
        for (const Node& child : node.children) {
            if (!evaluate(child, view))
                return false;
        }
        return true;
    case Node::Kind::Or:
        for (const Node& child : node.children) {
            if (evaluate(child, view))
                return true;
        }
        return false;
    case Node::Kind::Not:
        return !evaluate(node.children.front(), view);
    case Node::Kind::Condition:
        return condition(node, view);
    }
    return false;
}

} // namespace eventscope::filter::detail
