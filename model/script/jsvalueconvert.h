#pragma once

#include "json/jsonvalue.h"

#include <QJSValue>

class QJSEngine;

namespace eventscope::script {

// json::Value <-> JS values. Two ways, both kept so that the choice stays measurable (see
// tst_jsprojection's valueConversionsAgree): through JSON text (json::toJson then JSON.parse;
// JSON.stringify then json::parse), and property by property (QJSValue::setProperty /
// QJSValueIterator). In Qt 6.4 the property way is the faster: JSON.parse and JSON.stringify cost
// 0.4-1 µs per value in this engine, the C++ side less (on 50 objects of 5 values, release build:
// into JS about 120-155 against 170-300 µs, out of it 83-195 against 147-244 µs). JsProjection and
// JsCheck use it.
//
// The property way follows JSON.stringify: undefined and functions are left out of objects (null
// in arrays), NaN and infinities become null, a Date becomes its toISOString() text; toJSON()
// methods are not called. Both ways throw ProjectionError (no script) for a value nested more than
// maxDepth deep, which is what a cycle looks like.

// Through JSON text.
QJSValue toJs(QJSEngine& engine, const json::Value& value);
// Through JSON text; undefined and functions become null, as JSON.stringify has them.
json::Value fromJs(QJSEngine& engine, const QJSValue& value);

constexpr int maxDepth = 1000;

// Property by property.
QJSValue toJsByProperties(QJSEngine& engine, const json::Value& value);
json::Value fromJsByProperties(const QJSValue& value, int depth = 0);

} // namespace eventscope::script
