#pragma once

// The compiled form of a filter: a tree that has been type-checked while parsing, so that both
// back ends (the in-memory evaluator and the SQL writer) only ever see comparisons that mean
// something. Negated operators are normalised away: a != b is Not(a == b), !~ is Not(~), and so on.

#include "json/jsonpath.h"

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eventscope::filter::detail {

enum class Field : std::uint8_t
{
    Position,
    Time,
    Stream,
    Category,
    Type,
    Version,
    Id,
    Causation,
    Correlation,
    Data,
    Metadata
};

// What a field's values are, which decides the literals and operators it takes.
enum class FieldKind : std::uint8_t
{
    Integer, // position, version
    Time,    // microseconds, written as ISO dates and times
    Text,    // stream, category, type, id, causation, correlation
    Payload  // a JSON value inside data or metadata, of any type or missing
};

FieldKind kindOf(Field field);
// Text fields that may be empty (an event without a cause): they take == null and exists.
bool isOptionalText(Field field);

struct FieldRef
{
    Field field = Field::Position;
    json::Path path; // Data and Metadata only; empty = the whole payload
};

// A literal after checking against its field.
struct Literal
{
    enum class Kind : std::uint8_t
    {
        Number, // also times, as microseconds
        Text,
        Bool,
        Null
    };
    Kind kind = Kind::Null;
    double number = 0;
    std::optional<qint64> integer; // the number exactly, when it is integral (always for times)
    QString text;
    std::string utf8; // the text as UTF-8: text compares byte-wise, as SQLite's BINARY collation
    bool boolean = false;
};

enum class Test : std::uint8_t
{
    Compare, // field <op> values[0]
    Regex,   // regex finds a match in the field's text
    In,      // field == any of values
    Exists,  // payload: the path is present (null counts); optional text: not empty
    IsNull   // payload: missing or null; optional text: empty
};

enum class CompareOp : std::uint8_t
{
    Equal,
    Less,
    LessEqual,
    Greater,
    GreaterEqual
};

struct Node
{
    enum class Kind : std::uint8_t
    {
        And,
        Or,
        Not,
        Condition
    };
    Kind kind = Kind::Condition;
    std::vector<Node> children; // And, Or: two or more; Not: one

    // Condition
    FieldRef field;
    Test test = Test::Compare;
    CompareOp op = CompareOp::Equal;
    std::vector<Literal> values;
    QRegularExpression regex;

    bool readsPayload() const;
};

} // namespace eventscope::filter::detail
