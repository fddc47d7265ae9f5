#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace eventscope::importers {

// Turns the text of CSV cells into typed JSON values, so that a CSV row becomes the same JSON
// record a JSON export of the same events would give:
//   - an empty unquoted cell is null, an empty quoted one ("") the empty string;
//   - integers up to 2^53 and decimals that a double holds exactly (15 significant digits) are
//     numbers; "007", "+1", ".5", "1." and anything larger stay strings, so no id loses digits;
//   - true/false (any case: Excel writes TRUE, Python True) are booleans;
//   - a cell that starts with { or [ and parses as JSON is that JSON, compacted (Message DB and
//     Marten exports keep data and metadata as JSON text);
//   - everything else is a string.
// Holds a JSON parser whose buffers are reused from cell to cell: one instance per read.
class CsvFieldTyping
{
public:
    CsvFieldTyping();
    ~CsvFieldTyping();
    CsvFieldTyping(const CsvFieldTyping&) = delete;
    CsvFieldTyping& operator=(const CsvFieldTyping&) = delete;

    // Appends the JSON value of a cell whose text is valid UTF-8.
    void appendValue(std::string& out, std::string_view text, bool quoted);

    // Appends text (valid UTF-8) as a JSON string literal.
    static void appendString(std::string& out, std::string_view text);
    // Whether text, as it stands, is a JSON number that survives a round trip through a double.
    static bool isExactNumber(std::string_view text);
    static bool isBoolean(std::string_view text);

private:
    // Appends the cell as compact JSON if it is a JSON object or array; false when it is not.
    bool appendJsonContainer(std::string& out, std::string_view text);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace eventscope::importers
