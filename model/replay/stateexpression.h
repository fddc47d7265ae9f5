#pragma once

#include "json/jsonvalue.h"

#include <QString>

#include <memory>

namespace eventscope::replay {

// An expression over a projection's state, as charts and `series` take it: `s.stock['sku-7']`,
// `state.total - state.paid`, or a function `s => Object.keys(s).length`. The state is bound to `s`
// and `state`. Evaluated in C++ when it stays within the expression subset (model/expr), otherwise
// in a QJSEngine of its own (so on the thread that created it), stopped after a time limit.
class StateExpression
{
public:
    // Throws ProjectionError (script = the expression) when it does not compile.
    explicit StateExpression(const QString& source, int timeLimitMs = 2000);
    ~StateExpression();
    StateExpression(const StateExpression&) = delete;
    StateExpression& operator=(const StateExpression&) = delete;

    QString source() const { return m_source; }
    bool isNative() const; // evaluated in C++

    // Throws ProjectionError when the script throws or runs out of time.
    json::Value evaluate(const json::Value& state);

private:
    void makeScript();

    struct Native;
    struct Script;
    QString m_source;
    int m_timeLimitMs;
    std::unique_ptr<Native> m_native;
    std::unique_ptr<Script> m_script;
};

} // namespace eventscope::replay
