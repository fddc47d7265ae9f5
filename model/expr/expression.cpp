#include "expression.h"
#include "expressioncompilefailure.h"
#include "expressionevaluator.h"
#include "expressionparser.h"
#include "expressionprogram.h"
#include "expressionvalue.h"

#include <memory>
#include <utility>

namespace eventscope::expr {

using detail::CompileFailure;
using detail::Evaluator;
using detail::Parser;
using detail::Program;
using detail::Val;

std::optional<Expression> Expression::compile(const QString& source, const QStringList& params,
                                              QString* error, bool* inSubset)
{
    auto program = std::make_shared<Program>();
    try {
        Parser parser(source, *program);
        parser.parseProgram(params);
    } catch (const CompileFailure& failure) {
        if (error)
            *error = QStringLiteral("%1 at column %2").arg(failure.message).arg(failure.position + 1);
        if (inSubset)
            *inSubset = failure.inSubset;
        return std::nullopt;
    }
    if (error)
        error->clear();
    if (inSubset)
        *inSubset = true;
    return Expression(std::move(program));
}

Expression::Expression(std::shared_ptr<const detail::Program> program) : m_program(std::move(program)) {}

QStringList Expression::parameters() const
{
    return m_program->parameters;
}

bool Expression::usesParameter(int index) const
{
    return index >= 0 && std::size_t(index) < m_program->used.size() && m_program->used[std::size_t(index)];
}

json::Value Expression::evaluate(std::span<const json::Value> args, Outcome* outcome) const
{
    Evaluator evaluator(*m_program);
    const Val result = evaluator.run(args);
    evaluator.report(result, outcome);
    return evaluator.failed() ? json::Value() : toJsonValue(result);
}

bool Expression::evaluateBool(std::span<const json::Value> args, Outcome* outcome) const
{
    Evaluator evaluator(*m_program);
    const Val result = evaluator.run(args);
    evaluator.report(result, outcome);
    return !evaluator.failed() && truthy(result);
}

} // namespace eventscope::expr
