#pragma once

#include <QString>

namespace eventscope::script {

// Qt 6.4's JavaScript engine parses ES2017 plus ?. and ??, but not object spread in object
// literals (ES2018), which projections and upcasters lean on: `(s, e) => ({...s, n: s.n + 1})`,
// `e => ({...e, data: {...e.data, x: 1}})`. This rewrites each object literal with a spread into
// the equivalent Object.assign({}, {members before}, (spread), {members after}, ...), which copies
// the same own enumerable properties in the same order.
//
// Every line break stays where it was, so errors keep the line numbers of the user's file. Object
// rest in destructuring patterns (`var {a, ...rest} = o`) is left alone: the engine reports it as
// the syntax error it is for it. Returns the source unchanged when it has no object spread.
QString rewriteObjectSpread(const QString& source);

} // namespace eventscope::script
