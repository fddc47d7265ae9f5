#pragma once

// How compiling fails, thrown by the lexer and the parser and caught by Expression::compile().
//
// Failures come in two kinds. Anything that may be valid JavaScript outside the subset (calls,
// assignments, statements, regular expressions, ...) is "not in the subset", and the caller then
// hands the source to QJSEngine, which either runs it or reports a proper syntax error. Only what is
// certainly malformed within the subset's own grammar (a missing operand, an unclosed parenthesis
// or string) is reported as malformed. When unsure, say "not in the subset".

#include <QString>

namespace eventscope::expr::detail {

struct CompileFailure
{
    int position = 0; // UTF-16 index into the source
    QString message;
    bool inSubset = true;
};

[[noreturn]] inline void malformed(int position, const QString& message)
{
    throw CompileFailure{position, message, true};
}

[[noreturn]] inline void unsupported(int position, const QString& message)
{
    throw CompileFailure{position, message, false};
}

} // namespace eventscope::expr::detail
