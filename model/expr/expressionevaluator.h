#pragma once

#include "expression.h"
#include "expressionnumbers.h"
#include "expressionprogram.h"
#include "expressionvalue.h"

#include <QString>
#include <QtGlobal>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace eventscope::expr::detail {

// Walks a Program over one set of arguments; one Evaluator per evaluation.
//
// The common cases (numbers compared with numbers, strings with strings) are inline here so that
// eval() reaches them without a call. Errors, conversions of arrays and objects, and the callbacks
// are kept out of line (Q_NEVER_INLINE) so that eval(), which recurses, keeps a small frame.
class Evaluator
{
public:
    enum class State : std::uint8_t
    {
        Normal,
        ShortCircuit, // a `?.` met null or undefined; cleared at the end of its chain
        Thrown,
        Unsupported
    };

    explicit Evaluator(const Program& program) : m_program(program) {}

    Val run(std::span<const json::Value> args);
    bool failed() const { return m_state != State::Normal; }
    void report(const Val& result, Expression::Outcome* outcome) const;

private:
    // Evaluation and property access (expressionevaluator.cpp).
    Val eval(std::int32_t index);
    Val operand(std::int32_t index);
    Val member(const Val& object, std::string_view key, std::int64_t index, bool isLength);
    Q_NEVER_INLINE Val computedMember(const Val& object, const Val& key);
    Q_NEVER_INLINE Val cannotRead(std::string_view key, const Val& object);
    Q_NEVER_INLINE Val fail(State state, const QString& message);
    // Properties found on a prototype (expressionprototypes.cpp).
    Q_NEVER_INLINE Val inherited(std::string_view key, const Val& object);

    Val typeError(const QString& message)
    {
        return fail(State::Thrown, QStringLiteral("TypeError: ") + message);
    }
    Val shortCircuit()
    {
        m_state = State::ShortCircuit;
        return Val::undefined();
    }

    // Values only view strings, so the ones built during the evaluation live until it returns.
    std::string_view keep(std::string s)
    {
        m_strings.push_front(std::move(s));
        return m_strings.front();
    }

    // Conversions and operators; the Converting halves are in expressioncoercions.cpp.
    Q_NEVER_INLINE void appendString(std::string& out, const Val& v, int depth = 0);
    Q_NEVER_INLINE Val toPrimitive(const Val& v);

    double toNumber(const Val& v)
    {
        switch (v.kind) {
        case Val::Kind::Undefined:
            return kNaN;
        case Val::Kind::Null:
            return 0;
        case Val::Kind::Bool:
            return v.boolean ? 1 : 0;
        case Val::Kind::Number:
            return v.number;
        case Val::Kind::String:
            return stringToNumber(v.string());
        case Val::Kind::Json: {
            if (v.json->isObject())
                return kNaN;
            std::string s;
            appendString(s, v);
            return stringToNumber(s);
        }
        }
        return kNaN;
    }

    static std::string_view typeOf(const Val& v)
    {
        switch (v.kind) {
        case Val::Kind::Undefined:
            return "undefined";
        case Val::Kind::Bool:
            return "boolean";
        case Val::Kind::Number:
            return "number";
        case Val::Kind::String:
            return "string";
        case Val::Kind::Null:
        case Val::Kind::Json:
            break;
        }
        return "object";
    }

    static bool strictEquals(const Val& x, const Val& y)
    {
        if (x.kind != y.kind)
            return false;
        switch (x.kind) {
        case Val::Kind::Undefined:
        case Val::Kind::Null:
            return true;
        case Val::Kind::Bool:
            return x.boolean == y.boolean;
        case Val::Kind::Number:
            return x.number == y.number;
        case Val::Kind::String:
            return x.string() == y.string();
        case Val::Kind::Json:
            return x.json == y.json; // identity: the same place in the arguments
        }
        return false;
    }

    // IsLooselyEqual (==).
    bool looseEquals(const Val& x, const Val& y)
    {
        if (x.kind == y.kind)
            return strictEquals(x, y);
        return looseEqualsConverting(x, y);
    }
    Q_NEVER_INLINE bool looseEqualsConverting(const Val& x, const Val& y);

    enum class Tri
    {
        False,
        True,
        Undefined // a NaN was compared
    };

    // IsLessThan (x < y).
    Tri lessThan(const Val& x, const Val& y)
    {
        if (x.kind == Val::Kind::Number && y.kind == Val::Kind::Number) {
            if (std::isnan(x.number) || std::isnan(y.number))
                return Tri::Undefined;
            return x.number < y.number ? Tri::True : Tri::False;
        }
        return lessThanConverting(x, y);
    }
    Q_NEVER_INLINE Tri lessThanConverting(const Val& x, const Val& y);

    Val add(const Val& l, const Val& r)
    {
        if (l.kind == Val::Kind::Number && r.kind == Val::Kind::Number)
            return Val::fromNumber(l.number + r.number);
        return addConverting(l, r);
    }
    Q_NEVER_INLINE Val addConverting(const Val& l, const Val& r);

    // Math, Object.keys/values and every/some (expressionbuiltins.cpp).
    Q_NEVER_INLINE Val math(const Node& n);
    Q_NEVER_INLINE Val keysLength(const Node& n);
    Q_NEVER_INLINE Val arrayEvery(const Node& n, const Val& receiver, bool every);
    Q_NEVER_INLINE Val iterate(const Node& n, const Val& source, bool keys, bool every);
    bool callback(const Node& n, const Val& item, std::size_t position, bool every);

    const Program& m_program;
    State m_state = State::Normal;
    QString m_message;
    std::forward_list<std::string> m_strings;
    Val m_slots[kMaxSlots]; // only the bound ones are ever read
};

} // namespace eventscope::expr::detail
