#pragma once

// How compiling a filter fails: thrown by the lexer and the parser, caught by Filter::compile(),
// which turns it into a FilterError for the caller.

#include <QString>

namespace eventscope::filter::detail {

struct FilterFailure
{
    int start = 0;
    int length = 0;
    QString message;
};

[[noreturn]] inline void fail(int start, int length, const QString& message)
{
    throw FilterFailure{start, length, message};
}

} // namespace eventscope::filter::detail
