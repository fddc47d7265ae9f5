#include "stateexpression.h"

#include "expr/expression.h"
#include "projection.h"

namespace eventscope::replay {

struct StateExpression::Script
{
};

struct StateExpression::Native
{
    expr::Expression expression;
};

StateExpression::StateExpression(const QString& source, int timeLimitMs) : m_source(source)
{
    Q_UNUSED(timeLimitMs);
    QString error;
    bool inSubset = true;
    auto compiled = expr::Expression::compile(source, {QStringLiteral("s"), QStringLiteral("state")}, &error, &inSubset);
    if (compiled) {
        m_native = std::make_unique<Native>(Native{*compiled});
        return;
    }
    if (inSubset)
        throw ProjectionError{error, source, 0, 0};
    throw ProjectionError{QStringLiteral("not supported yet: ") + error, source, 0, 0};
}

StateExpression::~StateExpression() = default;

bool StateExpression::isNative() const
{
    return m_native != nullptr;
}

json::Value StateExpression::evaluate(const json::Value& state)
{
    const json::Value args[] = {state, state};
    expr::Expression::Outcome outcome;
    json::Value result = m_native->expression.evaluate(args, &outcome);
    if (outcome.kind == expr::Expression::Outcome::Kind::Thrown)
        throw ProjectionError{outcome.message, m_source, 0, 0};
    return result;
}

} // namespace eventscope::replay
