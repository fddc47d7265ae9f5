#pragma once

#include "json/jsonvalue.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <span>

namespace eventscope::expr {

namespace detail {
struct Program;
}

// A side-effect-free JavaScript expression compiled for evaluation in C++ over JSON values: what
// users type for invariants, breakpoints and chart series ("s => s.stock >= 0",
// "e => e.eventType == 'StockReserved' && e.data.qty > 10", "s.stock['sku-7']") is mostly simple
// enough that a QJSEngine call (microseconds) is not needed for it. Sources outside the subset are
// refused at compile time so that the caller can fall back to QJSEngine; within the subset the
// results are those JavaScript gives, including its coercions.
//
// An Expression is immutable and cheap to copy (the compiled form is shared); evaluate() may be
// called from several threads at once.
class Expression
{
public:
    // How an evaluation ended, for callers that need more than the value.
    struct Outcome
    {
        enum class Kind
        {
            Value,      // the result is the returned value
            Undefined,  // the result is undefined (returned as null)
            Thrown,     // JavaScript would have thrown (a TypeError, as reading a member of undefined)
            Unsupported // a value the subset cannot represent was met (an inherited property such as
                        // 'constructor' read by a computed key, half of a surrogate pair): the result
                        // is not known; evaluate in QJSEngine instead
        };
        Kind kind = Kind::Value;
        QString message; // for Thrown and Unsupported, as QJSEngine words it ("TypeError: ...")
    };

    // Compiles `source`, which is either an expression using the given parameter names (params
    // {"s"} and "s.stock['sku-7']"), or a function whose own parameter names then bind positionally
    // and `params` is not used: `x => expr`, `(a, b) => expr`, `x => { return expr; }`,
    // `function (a, b) { return expr; }`.
    // On failure returns nullopt with a message ("... at column 7"); `inSubset` tells the two kinds
    // of failure apart: false when the source may well be valid JavaScript that the subset does not
    // handle (the caller then falls back to QJSEngine), true when it is malformed.
    static std::optional<Expression> compile(const QString& source, const QStringList& params,
                                             QString* error = nullptr, bool* inSubset = nullptr);

    // The bound names in order: the function's own parameters, or `params` given to compile().
    QStringList parameters() const;
    // Whether the body reads argument `index` at all (a breakpoint on the event alone does not need
    // the state produced for it).
    bool usesParameter(int index) const;

    // Evaluates with args bound to parameters() in order (missing ones are undefined). Never
    // throws: when JavaScript would, the result is null and `outcome` says so. Undefined becomes
    // null. Arrays and objects in the result share their nodes with the arguments.
    json::Value evaluate(std::span<const json::Value> args, Outcome* outcome = nullptr) const;
    // JavaScript truthiness of evaluate(): false when it throws or is unsupported.
    bool evaluateBool(std::span<const json::Value> args, Outcome* outcome = nullptr) const;

private:
    explicit Expression(std::shared_ptr<const detail::Program> program);
    std::shared_ptr<const detail::Program> m_program;
};

} // namespace eventscope::expr
