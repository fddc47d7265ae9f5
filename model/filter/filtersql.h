#pragma once

#include "filter.h"

#include <QtGlobal>

#include <string>
#include <variant>
#include <vector>

namespace eventscope::sqlite {
class Database;
class Error;
class Statement;
} // namespace eventscope::sqlite

namespace eventscope::filter {

// A filter as a boolean SQL expression over the workspace's events table under the alias `e`
// (schema in workspace.cpp). Every value the user typed is a bound parameter: the SQL text holds
// only column names, operators, `?` and the type names json_type() returns.
//
// Streams and types are tested through their names tables (e.stream_id IN (SELECT id FROM streams
// WHERE name ...)), so a regular expression runs once per stream name rather than once per event.
// Payload paths go through json_extract(), guarded by json_type() so that a comparison only holds
// for a value of the literal's type, and (see InvalidJson) by json_valid() so that a payload that
// is not JSON reads as missing instead of failing the query. Each condition yields 0 or 1, never NULL, so
// that NOT is the plain negation it is in memory.
struct SqlCondition
{
    using Value = std::variant<qint64, double, std::string>; // text as UTF-8

    std::string sql;
    std::vector<Value> values;

    // Binds the values from parameter `first` on; returns the next free parameter index.
    int bind(sqlite::Statement& statement, int first = 1) const;
};

// What a payload that is not JSON does to a condition on it. Importers store JSON (or nothing), so
// the cheap form is tried first and the guarded one only after SQLite reported malformed JSON.
enum class InvalidJson
{
    ReadsAsMissing, // as in memory; costs one more parse of each payload a condition reads
    Fails           // the query fails with SQLite's "malformed JSON" (see isMalformedJson())
};

SqlCondition toSql(const Filter& filter, InvalidJson invalid = InvalidJson::ReadsAsMissing);
bool isMalformedJson(const sqlite::Error& error);

// Adds the functions the SQL uses to a connection: regexp(pattern, text), 1 when the regular
// expression finds a match in text (QRegularExpression, compiled once per statement). Adding them
// again replaces them, which expires the connection's prepared statements: call once per connection.
void registerSqlFunctions(sqlite::Database& database);

} // namespace eventscope::filter
