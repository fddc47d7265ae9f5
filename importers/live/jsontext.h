#pragma once

#include <QByteArray>
#include <QString>

namespace eventscope::importers::live {

enum class JsonExpect
{
    Any,
    Object
};

// Why bytes are not one JSON document (of the expected kind), with the column where it can be
// found ("invalid JSON: unterminated string at column 12"); empty when they are.
QString jsonProblem(const QByteArray& text, JsonExpect expect = JsonExpect::Any);

} // namespace eventscope::importers::live
