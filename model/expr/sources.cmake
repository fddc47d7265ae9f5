# Expressions in a JavaScript subset, evaluated in C++.
target_sources(eventscope_model PRIVATE
    expr/expression.h
    expr/expression.cpp
    expr/expressionprogram.h
    expr/expressionnumbers.h
    expr/expressionnumbers.cpp
    expr/expressionutf16.h
    expr/expressionutf16.cpp
    expr/expressioncompilefailure.h
    expr/expressionlexer.h
    expr/expressionlexer.cpp
    expr/expressionparser.h
    expr/expressionparser.cpp
    expr/expressionfunctionforms.cpp
    expr/expressionbuiltinsyntax.cpp
    expr/expressionvalue.h
    expr/expressionevaluator.h
    expr/expressionevaluator.cpp
    expr/expressioncoercions.cpp
    expr/expressionprototypes.cpp
    expr/expressionbuiltins.cpp
)
