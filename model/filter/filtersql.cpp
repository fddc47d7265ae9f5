#include "filtersql.h"

#include "filterast.h"
#include "sqlite/database.h"

#include <cctype>
#include <memory>

namespace eventscope::filter {
namespace {

using detail::CompareOp;
using detail::Field;
using detail::FieldKind;
using detail::Literal;
using detail::Node;
using detail::Test;

constexpr const char* categoryOfName =
    "CASE WHEN instr(name, '-') > 0 THEN substr(name, 1, instr(name, '-') - 1) ELSE name END";

const char* sqlOperator(CompareOp op)
{
    switch (op) {
    case CompareOp::Equal:
        return " = ";
    case CompareOp::Less:
        return " < ";
    case CompareOp::LessEqual:
        return " <= ";
    case CompareOp::Greater:
        return " > ";
    case CompareOp::GreaterEqual:
        return " >= ";
    }
    return " = ";
}

bool isPlainKey(const std::string& key)
{
    if (key.empty() || !(std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_'))
        return false;
    for (char c : key) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    }
    return true;
}

// SQLite's JSON path: $.name, $."odd key", $[3]. Keys with a double quote are refused by the parser.
std::string jsonPath(const json::Path& path)
{
    std::string out = "$";
    for (const json::PathSegment& segment : path) {
        if (const auto* index = std::get_if<std::size_t>(&segment.step)) {
            out += '[' + std::to_string(*index) + ']';
        } else {
            const std::string& key = std::get<std::string>(segment.step);
            out += isPlainKey(key) ? '.' + key : ".\"" + key + '"';
        }
    }
    return out;
}

class SqlWriter
{
public:
    SqlWriter(SqlCondition& out, InvalidJson invalid)
        : m_out(out), m_guard(invalid == InvalidJson::ReadsAsMissing)
    {}

    void node(const Node& n)
    {
        switch (n.kind) {
        case Node::Kind::And:
        case Node::Kind::Or: {
            const char* joint = n.kind == Node::Kind::And ? " AND " : " OR ";
            sql("(");
            for (size_t i = 0; i < n.children.size(); ++i) {
                if (i > 0)
                    sql(joint);
                node(n.children[i]);
            }
            sql(")");
            break;
        }
        case Node::Kind::Not:
            sql("NOT ");
            node(n.children.front());
            break;
        case Node::Kind::Condition:
            condition(n);
            break;
        }
    }

private:
    void sql(const char* text) { m_out.sql += text; }
    void sql(const std::string& text) { m_out.sql += text; }
    void param(SqlCondition::Value value)
    {
        m_out.sql += '?';
        m_out.values.push_back(std::move(value));
    }
    void number(const Literal& literal)
    {
        if (literal.integer)
            param(*literal.integer);
        else
            param(literal.number);
    }
    void list(const std::vector<const Literal*>& literals)
    {
        sql(" IN (");
        for (size_t i = 0; i < literals.size(); ++i) {
            if (i > 0)
                sql(", ");
            if (literals[i]->kind == Literal::Kind::Number)
                number(*literals[i]);
            else
                param(literals[i]->utf8);
        }
        sql(")");
    }

    void condition(const Node& n)
    {
        switch (detail::kindOf(n.field.field)) {
        case FieldKind::Integer:
        case FieldKind::Time:
            integerCondition(n);
            break;
        case FieldKind::Text:
            textCondition(n);
            break;
        case FieldKind::Payload:
            payloadCondition(n);
            break;
        }
    }

    void integerCondition(const Node& n)
    {
        const char* column = n.field.field == Field::Position  ? "e.position"
                             : n.field.field == Field::Version ? "e.stream_version"
                                                               : "e.time_us";
        sql("(");
        sql(column);
        if (n.test == Test::In) {
            std::vector<const Literal*> literals;
            for (const Literal& literal : n.values)
                literals.push_back(&literal);
            list(literals);
        } else {
            sql(sqlOperator(n.op));
            number(n.values.front());
        }
        sql(")");
    }

    // A test of one text expression: `column` is the SQL for the field's value.
    void textTest(const Node& n, const char* column)
    {
        switch (n.test) {
        case Test::Compare:
            sql(column);
            sql(sqlOperator(n.op));
            param(n.values.front().utf8);
            break;
        case Test::Regex:
            sql("regexp(");
            param(n.values.front().utf8);
            sql(", ");
            sql(column);
            sql(")");
            break;
        case Test::In: {
            std::vector<const Literal*> texts;
            bool orEmpty = false;
            for (const Literal& literal : n.values) {
                if (literal.kind == Literal::Kind::Null)
                    orEmpty = true;
                else
                    texts.push_back(&literal);
            }
            sql("(");
            if (!texts.empty()) {
                sql(column);
                list(texts);
            }
            if (orEmpty) {
                sql(texts.empty() ? "" : " OR ");
                sql(column);
                sql(" = ''");
            }
            sql(")");
            break;
        }
        case Test::Exists:
            sql(column);
            sql(" <> ''");
            break;
        case Test::IsNull:
            sql(column);
            sql(" = ''");
            break;
        }
    }

    void textCondition(const Node& n)
    {
        sql("(");
        switch (n.field.field) {
        case Field::Stream:
            sql("e.stream_id IN (SELECT id FROM streams WHERE ");
            textTest(n, "name");
            sql(")");
            break;
        case Field::Category:
            sql("e.stream_id IN (SELECT id FROM streams WHERE ");
            textTest(n, categoryOfName);
            sql(")");
            break;
        case Field::Type:
            sql("e.type_id IN (SELECT id FROM event_types WHERE ");
            textTest(n, "name");
            sql(")");
            break;
        case Field::Id:
            textTest(n, "e.id");
            break;
        case Field::Causation:
            textTest(n, "coalesce(e.causation_id, '')");
            break;
        case Field::Correlation:
            textTest(n, "coalesce(e.correlation_id, '')");
            break;
        default:
            sql("0");
            break;
        }
        sql(")");
    }

    // Begins coalesce(...: the condition is 0 for a missing value and a NULL payload, never NULL.
    // Guarded, also coalesce(CASE WHEN json_valid(X) THEN ...: 0 for a payload that is not JSON.
    // SQLite 3.40 caches a parsed payload per function call site, so each JSON call in a condition
    // parses the payload again: the guard is the difference between two parses and three.
    void openGuard(const char* payload)
    {
        sql("coalesce(");
        if (m_guard) {
            sql("CASE WHEN json_valid(");
            sql(payload);
            sql(") THEN ");
        }
    }
    void closeGuard() { sql(m_guard ? " END, 0)" : ", 0)"); }

    void jsonCall(const char* function, const char* payload, const std::string& path)
    {
        sql(function);
        sql("(");
        sql(payload);
        sql(", ");
        param(path);
        sql(")");
    }

    // One guarded test of the value at path against literals of one kind.
    void payloadValueTest(const char* payload, const std::string& path, Literal::Kind kind,
                          const std::vector<const Literal*>& literals, CompareOp op)
    {
        openGuard(payload);
        if (kind == Literal::Kind::Text && op == CompareOp::Equal && !couldBeJsonText(literals)) {
            // json_extract() returns text only for strings, arrays and objects, and the JSON of an
            // array or object starts with [ or {: equality with other text needs no type test.
            jsonCall("json_extract", payload, path);
            if (literals.size() == 1) {
                sql(" = ");
                param(literals.front()->utf8);
            } else {
                list(literals);
            }
            closeGuard();
            return;
        }
        jsonCall("json_type", payload, path);
        switch (kind) {
        case Literal::Kind::Number:
        case Literal::Kind::Text:
            sql(kind == Literal::Kind::Number ? " IN ('integer', 'real') AND " : " = 'text' AND ");
            jsonCall("json_extract", payload, path);
            if (literals.size() == 1) {
                sql(sqlOperator(op));
                if (kind == Literal::Kind::Number)
                    number(*literals.front());
                else
                    param(literals.front()->utf8);
            } else {
                list(literals);
            }
            break;
        case Literal::Kind::Bool:
            sql(literals.front()->boolean ? " = 'true'" : " = 'false'");
            break;
        case Literal::Kind::Null:
            sql(" <> 'null'"); // present and not null: the caller negates it
            break;
        }
        closeGuard();
    }

    void payloadIsNull(const char* payload, const std::string& path)
    {
        sql("NOT ");
        payloadValueTest(payload, path, Literal::Kind::Null, {}, CompareOp::Equal);
    }

    void payloadCondition(const Node& n)
    {
        const char* payload = n.field.field == Field::Data ? "e.data" : "e.metadata";
        const std::string path = jsonPath(n.field.path);
        switch (n.test) {
        case Test::Compare: {
            const Literal& literal = n.values.front();
            payloadValueTest(payload, path, literal.kind, {&literal}, n.op);
            break;
        }
        case Test::Regex:
            openGuard(payload);
            jsonCall("json_type", payload, path);
            sql(" = 'text' AND regexp(");
            param(n.values.front().utf8);
            sql(", ");
            jsonCall("json_extract", payload, path);
            sql(")");
            closeGuard();
            break;
        case Test::In: {
            // One test per kind of literal, ORed: numbers and texts as IN lists.
            std::vector<const Literal*> numbers, texts;
            std::vector<const Literal*> bools;
            bool orNull = false;
            for (const Literal& literal : n.values) {
                if (literal.kind == Literal::Kind::Number)
                    numbers.push_back(&literal);
                else if (literal.kind == Literal::Kind::Text)
                    texts.push_back(&literal);
                else if (literal.kind == Literal::Kind::Bool)
                    bools.push_back(&literal);
                else
                    orNull = true;
            }
            sql("(");
            bool first = true;
            const auto next = [&] {
                if (!first)
                    sql(" OR ");
                first = false;
            };
            if (!numbers.empty()) {
                next();
                payloadValueTest(payload, path, Literal::Kind::Number, numbers, CompareOp::Equal);
            }
            if (!texts.empty()) {
                next();
                payloadValueTest(payload, path, Literal::Kind::Text, texts, CompareOp::Equal);
            }
            for (const Literal* literal : bools) {
                next();
                payloadValueTest(payload, path, Literal::Kind::Bool, {literal}, CompareOp::Equal);
            }
            if (orNull) {
                next();
                payloadIsNull(payload, path);
            }
            sql(")");
            break;
        }
        case Test::Exists:
            openGuard(payload);
            jsonCall("json_type", payload, path);
            sql(" IS NOT NULL");
            closeGuard();
            break;
        case Test::IsNull:
            payloadIsNull(payload, path);
            break;
        }
    }

    static bool couldBeJsonText(const std::vector<const Literal*>& literals)
    {
        for (const Literal* literal : literals) {
            if (!literal->utf8.empty() && (literal->utf8.front() == '[' || literal->utf8.front() == '{'))
                return true;
        }
        return false;
    }

    SqlCondition& m_out;
    bool m_guard;
};

} // namespace

int SqlCondition::bind(sqlite::Statement& statement, int first) const
{
    int index = first;
    for (const Value& value : values) {
        if (const auto* integer = std::get_if<qint64>(&value))
            statement.bind(index, *integer);
        else if (const auto* real = std::get_if<double>(&value))
            statement.bind(index, *real);
        else
            statement.bindText(index, std::get<std::string>(value));
        ++index;
    }
    return index;
}

SqlCondition toSql(const Filter& filter, InvalidJson invalid)
{
    SqlCondition condition;
    SqlWriter(condition, invalid).node(filter.root());
    return condition;
}

bool isMalformedJson(const sqlite::Error& error)
{
    return error.message().contains(QLatin1String("malformed JSON"));
}

} // namespace eventscope::filter
