#include "filterparser.h"

#include "filterfailure.h"
#include "filterfields.h"
#include "timeformat.h"

#include <cmath>
#include <utility>

namespace eventscope::filter::detail {
namespace {

Node negation(Node node)
{
    Node n;
    n.kind = Node::Kind::Not;
    n.children.push_back(std::move(node));
    return n;
}

// Joins operands of && or ||, flattening nested ones of the same kind.
Node junction(Node::Kind kind, std::vector<Node> operands)
{
    if (operands.size() == 1)
        return std::move(operands.front());
    Node n;
    n.kind = kind;
    for (Node& operand : operands) {
        if (operand.kind == kind) {
            for (Node& child : operand.children)
                n.children.push_back(std::move(child));
        } else {
            n.children.push_back(std::move(operand));
        }
    }
    return n;
}

Node condition(const FieldRef& field, Test test)
{
    Node n;
    n.field = field;
    n.test = test;
    return n;
}

// The operator as it reads with its operands swapped: 5 < position is position > 5.
CompareOp mirrored(CompareOp op)
{
    switch (op) {
    case CompareOp::Less:
        return CompareOp::Greater;
    case CompareOp::LessEqual:
        return CompareOp::GreaterEqual;
    case CompareOp::Greater:
        return CompareOp::Less;
    case CompareOp::GreaterEqual:
        return CompareOp::LessEqual;
    case CompareOp::Equal:
        break;
    }
    return op;
}

bool isComparison(const Token& t)
{
    if (t.type != TokenType::Punct)
        return false;
    for (const char* op : {"==", "!=", "<", "<=", ">", ">="}) {
        if (t.text == QLatin1String(op))
            return true;
    }
    return false;
}

bool isLiteralWord(const Token& t)
{
    return t.isWord(QLatin1String("true")) || t.isWord(QLatin1String("false")) ||
           t.isWord(QLatin1String("null"));
}

bool isReservedWord(const Token& t)
{
    for (const char* word : {"and", "or", "not", "in", "exists"}) {
        if (t.isWord(QLatin1String(word)))
            return true;
    }
    return isLiteralWord(t);
}

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

constexpr const char* timeExample = "\"2025-03-01\" or \"2025-03-01T14:30:00Z\"";

} // namespace

void Parser::failAtToken(const QString& message) const
{
    fail(m_token.start, m_token.length, message);
}

void Parser::expectPunct(QLatin1String punct, const QString& message)
{
    if (!m_token.isPunct(punct))
        failAtToken(message);
    advance();
}

Node Parser::parse()
{
    advance();
    if (m_token.type == TokenType::End)
        fail(0, 0, QStringLiteral("the filter is empty"));
    Node root = parseOr();
    if (m_token.type != TokenType::End) {
        if (m_token.isPunct(QLatin1String(")")))
            failAtToken(QStringLiteral("this ) closes nothing"));
        failAtToken(
            QStringLiteral("expected && or || before %1").arg(spelling(m_token.start, m_token.length)));
    }
    return root;
}

Node Parser::parseOr()
{
    std::vector<Node> operands;
    operands.push_back(parseAnd());
    while (m_token.isPunct(QLatin1String("||")) || m_token.isWord(QLatin1String("or"))) {
        advance();
        operands.push_back(parseAnd());
    }
    return junction(Node::Kind::Or, std::move(operands));
}

Node Parser::parseAnd()
{
    std::vector<Node> operands;
    operands.push_back(parseUnary());
    while (m_token.isPunct(QLatin1String("&&")) || m_token.isWord(QLatin1String("and"))) {
        advance();
        operands.push_back(parseUnary());
    }
    return junction(Node::Kind::And, std::move(operands));
}

Node Parser::parseUnary()
{
    if (++m_depth > maxDepth)
        failAtToken(QStringLiteral("the filter is nested too deeply"));
    Node result;
    if (m_token.isPunct(QLatin1String("!")) || m_token.isWord(QLatin1String("not"))) {
        advance();
        result = negation(parseUnary());
    } else {
        result = parsePrimary();
    }
    --m_depth;
    return result;
}

Node Parser::parsePrimary()
{
    if (m_token.isPunct(QLatin1String("("))) {
        const Token open = m_token;
        advance();
        Node inner = parseOr();
        if (!m_token.isPunct(QLatin1String(")")))
            failAtToken(QStringLiteral("expected ) to close the ( at column %1").arg(open.start + 1));
        advance();
        return inner;
    }
    if (m_token.isWord(QLatin1String("exists"))) {
        const int start = m_token.start;
        advance();
        return parseExists(start);
    }
    return parseComparison();
}

Node Parser::parseExists(int start)
{
    if (m_token.type != TokenType::Identifier || isReservedWord(m_token))
        failAtToken(QStringLiteral("exists needs a field after it, as in exists data.discount"));
    const Token name = m_token;
    advance();
    const FieldRef field = parseField(name);
    const int end = m_token.start;
    if (kindOf(field.field) == FieldKind::Payload)
        return condition(field, Test::Exists);
    if (isOptionalText(field.field))
        return condition(field, Test::Exists);
    fail(start, end - start,
         QStringLiteral(
             "%1 is always present; exists tests data and metadata paths, causation and correlation")
             .arg(fieldName(field.field)));
}

Node Parser::parseComparison()
{
    const Operand left = parseOperand(false);
    const Token op = m_token;
    if (isComparison(op) || op.isPunct(QLatin1String("~")) || op.isPunct(QLatin1String("!~"))) {
        advance();
        const Operand right = parseOperand(true);
        if (left.isField == right.isField) {
            const int end = right.start + right.length;
            fail(left.start, end - left.start,
                 left.isField
                     ? QStringLiteral("comparing two fields is not supported; compare a field with a value")
                     : QStringLiteral("compare a field with a value, as in type == \"OrderPlaced\""));
        }
        const Operand& field = left.isField ? left : right;
        const Operand& value = left.isField ? right : left;
        if (op.isPunct(QLatin1String("~")) || op.isPunct(QLatin1String("!~"))) {
            if (!left.isField)
                fail(op.start, op.length, QStringLiteral("put the field on the left of %1").arg(op.text));
            return matchRegex(field, op, value);
        }
        Node n = compare(field, op, value);
        if (!left.isField && n.kind == Node::Kind::Condition && n.test == Test::Compare)
            n.op = mirrored(n.op);
        return n;
    }
    bool negatedIn = false;
    if (op.isPunct(QLatin1String("!")) || op.isWord(QLatin1String("not"))) {
        advance();
        if (!m_token.isWord(QLatin1String("in")))
            failAtToken(QStringLiteral("expected in after %1").arg(op.text));
        negatedIn = true;
    }
    if (m_token.isWord(QLatin1String("in"))) {
        advance();
        if (!left.isField)
            fail(left.start, left.length,
                 QStringLiteral("put a field before in, as in type in [\"A\", \"B\"]"));
        return membership(left, negatedIn, parseList());
    }
    if (!left.isField)
        failAtToken(QStringLiteral("expected ==, !=, <, <=, >, >=, ~, !~ or in"));
    if (op.type == TokenType::End || op.isPunct(QLatin1String("&&")) || op.isPunct(QLatin1String("||")) ||
        op.isPunct(QLatin1String(")")) || op.isWord(QLatin1String("and")) || op.isWord(QLatin1String("or"))) {
        const QString name = spelling(left.start, left.length);
        fail(left.start, left.length,
             kindOf(left.field.field) == FieldKind::Payload
                 ? QStringLiteral(
                       "%1 alone is not a condition: compare it (%1 == true) or test it (exists %1)")
                       .arg(name)
                 : QStringLiteral("%1 alone is not a condition: compare it with a value, as in %1 == ...")
                       .arg(name));
    }
    failAtToken(QStringLiteral("expected ==, !=, <, <=, >, >=, ~, !~ or in after %1")
                    .arg(spelling(left.start, left.length)));
}

Parser::Operand Parser::parseOperand(bool afterOperator)
{
    Operand operand;
    operand.start = m_token.start;
    if (m_token.type == TokenType::End) {
        fail(m_token.start, 0,
             afterOperator ? QStringLiteral("expected a value") : QStringLiteral("expected a condition"));
    }
    if (m_token.type == TokenType::Identifier && !isReservedWord(m_token)) {
        const Token name = m_token;
        if (!fieldNamed(name.text) && afterOperator) {
            fail(name.start, name.length,
                 QStringLiteral("%1 is not a field: put text in quotes, as in %2")
                     .arg(name.text, quoted(name.text)));
        }
        advance();
        operand.isField = true;
        operand.field = parseField(name);
        operand.length = m_token.start - operand.start;
        // Trailing spaces are not part of it.
        while (operand.length > 0 && m_source.at(operand.start + operand.length - 1).isSpace())
            --operand.length;
        return operand;
    }
    RawLiteral& literal = operand.literal;
    literal.start = m_token.start;
    if (m_token.isPunct(QLatin1String("-"))) {
        advance();
        if (m_token.type != TokenType::Number)
            failAtToken(QStringLiteral("expected a number after -"));
        literal.type = TokenType::Number;
        literal.number = -m_token.number;
        literal.text = QLatin1Char('-') + m_token.text;
    } else if (m_token.type == TokenType::Number || m_token.type == TokenType::String ||
               m_token.type == TokenType::Time || isLiteralWord(m_token)) {
        literal.type = m_token.type;
        literal.number = m_token.number;
        literal.text = m_token.text;
    } else if (m_token.isPunct(QLatin1String("("))) {
        failAtToken(afterOperator ? QStringLiteral("expected a value, not a condition in parentheses")
                                  : QStringLiteral("expected a condition"));
    } else {
        failAtToken(afterOperator ? QStringLiteral("expected a value")
                                  : QStringLiteral("expected a condition"));
    }
    literal.length = m_token.end() - literal.start;
    operand.length = literal.length;
    advance();
    return operand;
}

FieldRef Parser::parseField(const Token& name)
{
    const std::optional<Field> field = fieldNamed(name.text);
    if (!field) {
        const QString suggestion = suggestField(name.text);
        fail(name.start, name.length,
             suggestion.isEmpty()
                 ? QStringLiteral("unknown field %1; fields are %2, data.… and metadata.…")
                       .arg(name.text, fieldNames().mid(0, 9).join(QStringLiteral(", ")))
                 : QStringLiteral("unknown field %1 (did you mean %2?)").arg(name.text, suggestion));
    }
    FieldRef ref;
    ref.field = *field;
    if (kindOf(*field) == FieldKind::Payload) {
        parsePath(ref.path);
    } else if (m_token.isPunct(QLatin1String(".")) || m_token.isPunct(QLatin1String("["))) {
        failAtToken(QStringLiteral("%1 has no members; only data and metadata have paths").arg(name.text));
    }
    return ref;
}

void Parser::parsePath(json::Path& path)
{
    while (true) {
        if (m_token.isPunct(QLatin1String("."))) {
            advance();
            if (m_token.type != TokenType::Identifier)
                failAtToken(QStringLiteral(
                    "expected a member name after the dot; write [\"odd-key\"] for other names"));
            path.emplace_back().step.emplace<std::string>(m_token.text.toStdString());
            advance();
        } else if (m_token.isPunct(QLatin1String("["))) {
            advance();
            if (m_token.type == TokenType::String) {
                // SQLite's JSON paths cannot escape a quote inside a key.
                if (m_token.text.contains(QLatin1Char('"')))
                    failAtToken(QStringLiteral("member names containing \" cannot be filtered on"));
                path.emplace_back().step.emplace<std::string>(m_token.text.toStdString());
            } else if (m_token.type == TokenType::Number && m_token.text.toULongLong() < (1ULL << 31) &&
                       !m_token.text.contains(QLatin1Char('.')) && !m_token.text.contains(QLatin1Char('e')) &&
                       !m_token.text.contains(QLatin1Char('E'))) {
                path.emplace_back().step.emplace<std::size_t>(size_t(m_token.text.toULongLong()));
            } else {
                failAtToken(QStringLiteral("expected an array index such as [0] or a member name in quotes"));
            }
            advance();
            expectPunct(QLatin1String("]"), QStringLiteral("expected ] to close the ["));
        } else {
            return;
        }
    }
}

std::vector<Parser::RawLiteral> Parser::parseList()
{
    if (!m_token.isPunct(QLatin1String("[")))
        failAtToken(QStringLiteral("expected a list in brackets, as in [\"A\", \"B\"]"));
    const Token open = m_token;
    advance();
    std::vector<RawLiteral> values;
    while (!m_token.isPunct(QLatin1String("]"))) {
        const Operand value = parseOperand(true);
        if (value.isField)
            fail(value.start, value.length, QStringLiteral("a list holds values, not fields"));
        values.push_back(value.literal);
        if (m_token.isPunct(QLatin1String(",")))
            advance();
        else if (!m_token.isPunct(QLatin1String("]")))
            failAtToken(
                QStringLiteral("expected , or ] in the list opened at column %1").arg(open.start + 1));
    }
    if (values.empty())
        fail(open.start, m_token.end() - open.start, QStringLiteral("an empty list matches nothing"));
    advance();
    return values;
}

Node Parser::compare(const Operand& field, const Token& op, const Operand& value)
{
    const bool equality = op.text == QLatin1String("==") || op.text == QLatin1String("!=");
    const bool negated = op.text == QLatin1String("!=");
    const Literal literal = check(field, value.literal, equality ? Purpose::Equality : Purpose::Ordering);
    Node n;
    if (literal.kind == Literal::Kind::Null) {
        n = condition(field.field, Test::IsNull);
    } else {
        n = condition(field.field, Test::Compare);
        n.values.push_back(literal);
        if (op.text == QLatin1String("<"))
            n.op = CompareOp::Less;
        else if (op.text == QLatin1String("<="))
            n.op = CompareOp::LessEqual;
        else if (op.text == QLatin1String(">"))
            n.op = CompareOp::Greater;
        else if (op.text == QLatin1String(">="))
            n.op = CompareOp::GreaterEqual;
    }
    return negated ? negation(std::move(n)) : n;
}

Node Parser::matchRegex(const Operand& field, const Token& op, const Operand& value)
{
    const QString name = spelling(field.start, field.length);
    switch (kindOf(field.field.field)) {
    case FieldKind::Integer:
        fail(op.start, op.length, QStringLiteral("%1 matches text, and %2 is a number").arg(op.text, name));
    case FieldKind::Time:
        fail(op.start, op.length,
             QStringLiteral("%1 matches text; compare times with <, <=, > or >=, as in time >= %2")
                 .arg(op.text, QLatin1String(timeExample)));
    case FieldKind::Text:
    case FieldKind::Payload:
        break;
    }
    const RawLiteral& raw = value.literal;
    if (raw.type != TokenType::String)
        fail(raw.start, raw.length, QStringLiteral("%1 needs a regular expression in quotes").arg(op.text));
    QRegularExpression regex(raw.text);
    if (!regex.isValid()) {
        fail(raw.start, raw.length,
             QStringLiteral("invalid regular expression: %1 (at character %2 of the pattern)")
                 .arg(regex.errorString())
                 .arg(regex.patternErrorOffset() + 1));
    }
    regex.optimize();
    Node n = condition(field.field, Test::Regex);
    n.regex = regex;
    Literal pattern;
    pattern.kind = Literal::Kind::Text;
    pattern.text = raw.text;
    pattern.utf8 = raw.text.toStdString();
    n.values.push_back(pattern);
    return op.text == QLatin1String("!~") ? negation(std::move(n)) : n;
}

Node Parser::membership(const Operand& field, bool negated, const std::vector<RawLiteral>& values)
{
    Node n = condition(field.field, Test::In);
    for (const RawLiteral& raw : values)
        n.values.push_back(check(field, raw, Purpose::Equality));
    return negated ? negation(std::move(n)) : n;
}

Literal Parser::check(const Operand& field, const RawLiteral& raw, Purpose purpose) const
{
    const QString name = spelling(field.start, field.length);
    const QString written = spelling(raw.start, raw.length);
    const bool isBool = raw.type == TokenType::Identifier && raw.text != QLatin1String("null");
    const bool isNull = raw.type == TokenType::Identifier && raw.text == QLatin1String("null");

    Literal literal;
    const auto number = [&](double value) {
        literal.kind = Literal::Kind::Number;
        literal.number = value;
        if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.2e18)
            literal.integer = qint64(value);
    };
    const auto text = [&](const QString& value) {
        literal.kind = Literal::Kind::Text;
        literal.text = value;
        literal.utf8 = value.toStdString();
    };

    switch (kindOf(field.field.field)) {
    case FieldKind::Integer:
        if (raw.type == TokenType::Number) {
            number(raw.number);
            return literal;
        }
        if (isNull)
            fail(raw.start, raw.length, QStringLiteral("%1 is never null").arg(name));
        if (raw.type == TokenType::String)
            fail(raw.start, raw.length, QStringLiteral("%1 is a number: write it without quotes").arg(name));
        fail(raw.start, raw.length, QStringLiteral("%1 is a number, not %2").arg(name, written));
    case FieldKind::Time:
        if (raw.type == TokenType::String || raw.type == TokenType::Time) {
            const std::optional<qint64> micros = parseTimestamp(raw.text.trimmed());
            if (!micros) {
                fail(raw.start, raw.length,
                     QStringLiteral("%1 is not a date or time: write one in UTC, such as %2")
                         .arg(raw.type == TokenType::String ? quoted(raw.text) : raw.text,
                              QLatin1String(timeExample)));
            }
            number(double(*micros));
            literal.integer = *micros;
            return literal;
        }
        if (isNull)
            fail(raw.start, raw.length, QStringLiteral("time is never null"));
        fail(raw.start, raw.length,
             QStringLiteral("time takes a date or time, such as %1").arg(QLatin1String(timeExample)));
    case FieldKind::Text:
        if (raw.type == TokenType::String) {
            text(raw.text);
            return literal;
        }
        if (isNull) {
            if (purpose == Purpose::Ordering)
                fail(raw.start, raw.length, QStringLiteral("null has no order; use == null or != null"));
            if (!isOptionalText(field.field.field))
                fail(raw.start, raw.length, QStringLiteral("%1 is never null").arg(name));
            return literal; // Kind::Null
        }
        fail(raw.start, raw.length,
             QStringLiteral("%1 is text: put the value in quotes, as in %2").arg(name, quoted(written)));
    case FieldKind::Payload:
        if (raw.type == TokenType::Time)
            fail(raw.start, raw.length,
                 QStringLiteral("in %1 a time is text: put it in quotes, as in %2")
                     .arg(name, quoted(written)));
        if (purpose == Purpose::Ordering && (isBool || isNull))
            fail(raw.start, raw.length,
                 QStringLiteral("%1 has no order; <, <=, > and >= compare numbers and text").arg(written));
        if (raw.type == TokenType::Number)
            number(raw.number);
        else if (raw.type == TokenType::String)
            text(raw.text);
        else if (isBool) {
            literal.kind = Literal::Kind::Bool;
            literal.boolean = raw.text == QLatin1String("true");
        }
        return literal;
    }
    return literal;
}

} // namespace eventscope::filter::detail
