#pragma once

#include "json/jsonvalue.h"

#include <QJSValue>

class QJSEngine;

namespace eventscope::script {

// json::Value <-> JS values, property by property (QJSValue::setProperty / QJSValueIterator).
//
// Measured against the other way, through JSON text (json::toJson then JSON.parse; JSON.stringify
// then json::parse; kept below so that the comparison stays repeatable, see tst_jsprojection's
// valueConversionsAgree): in Qt 6.4's engine JSON.parse and JSON.stringify cost 0.4-1 µs per value,
// the C++ side less. On 50 objects of 5 values, release build: into JS 120-155 against 170-300 µs,
// out of it 83-195 against 147-244 µs. So this way is the one used (JsProjection, JsCheck); it also
// runs no script code for plain data, so it works while the engine idles interrupted between calls
// (see ScriptProgram).
//
// It follows JSON.stringify: undefined and functions are left out of objects (null in arrays), NaN
// and infinities become null, a Date becomes its toISOString() text; toJSON() methods are not called
// and an accessor's getter runs only inside ScriptProgram::guarded(). A value nested more than
// maxDepth deep, which is what a value that refers to itself looks like, throws ProjectionError (no
// script named).
constexpr int maxDepth = 1000;

QJSValue toJs(QJSEngine& engine, const json::Value& value);
json::Value fromJs(QJSEngine& engine, const QJSValue& value);

// Through JSON text. These run JSON.parse / JSON.stringify: call them with the engine running
// (inside ScriptProgram::guarded()).
QJSValue toJsViaJson(QJSEngine& engine, const json::Value& value);
json::Value fromJsViaJson(QJSEngine& engine, const QJSValue& value);

} // namespace eventscope::script
