#pragma once

#include "json/jsonvalue.h"

#include <QString>

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventscope::importers::json {

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

using eventscope::json::appendJsonString; // the model's escaper, so exports and states escape alike

// The name of an element's JSON type, for error messages ("a number", "an array").
const char* describeType(const simdjson::dom::element& element);

// Looks up a dotted path ("metadata.user.id") in an object.
std::optional<simdjson::dom::element> lookupPath(const simdjson::dom::element& root, std::string_view path);

// Removes insignificant whitespace from valid JSON text without re-serialising it: numbers, escapes
// and key order stay exactly as written.
QByteArray compactJsonText(std::string_view json);

// The byte offset of the first invalid UTF-8 sequence in text, or -1 when it is valid.
qint64 firstInvalidUtf8(std::string_view text);

// A one-line reason for a parse error, with the 1-based byte column when it can be found.
struct SyntaxError
{
    QString reason;
    qint64 column = 1;
};
SyntaxError describeSyntaxError(simdjson::error_code code, std::string_view text);

} // namespace eventscope::importers::json

namespace eventscope::importers::json {

// The top-level members of a JSON object as their original text: used to keep payloads byte for
// byte instead of re-serialising them. The text must already be known to be a valid JSON object
// (the DOM parse checks that first). Views point into the scanned text.
class RawMemberScanner
{
public:
    struct Member
    {
        std::string_view escapedKey; // as written, without quotes
        std::string_view rawValue;   // the value's JSON text
    };
    bool scan(std::string_view objectText, std::vector<Member>& members);
};

} // namespace eventscope::importers::json
