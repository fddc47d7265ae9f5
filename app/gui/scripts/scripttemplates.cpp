#include "scripttemplates.h"

#include <QCoreApplication>

namespace eventscope::gui {
namespace {

const char* const projectionSource =
    R"js(// A projection: state folded from events, in the KurrentDB projection API.
// fromAll() reads every event; fromCategory('order') or fromStream('order-42') read fewer.
// foreachStream() keeps one state per stream; partitionBy(e => key) one per key; neither, one state.
fromAll()
    .foreachStream()
    .when({
        $init: function () {
            return { events: 0, lastType: null };
        },
        $any: function (s, e) {
            s.events += 1;
            s.lastType = e.eventType;
        }
    });
)js";

const char* const invariantsSource =
    R"js(// Invariants hold after every event; a breakpoint stops on the events it matches.
// Both run while replaying: Check Whole Log finds the first event that breaks each one.
// The checks read the state of the projection declared here (one per stream).
fromAll()
    .foreachStream()
    .when({
        $init: function () {
            return { balance: 0 };
        },
        $any: function (s, e) {
            if (typeof e.data.amount === 'number')
                s.balance += e.data.amount;
        }
    });

invariant('balance never negative', function (s) {
    return s.balance >= 0;
});

breakpoint('large amount', function (e) {
    return typeof e.data.amount === 'number' && e.data.amount > 1000;
});
)js";

const char* const upcasterSource =
    R"js(// An upcaster turns an old version of an event into the current one before any projection
// sees it: upcast(type, fromSchemaVersion, event => newEvent). Chain them for v1 -> v2 -> v3.
upcast('OrderPlaced', 1, function (e) {
    var data = Object.assign({}, e.data);
    // e.g. a field renamed in version 2:
    if (data.total === undefined && data.amount !== undefined) {
        data.total = data.amount;
        delete data.amount;
    }
    return Object.assign({}, e, { data: data });
});
)js";

const char* const compensationSource =
    R"js(// Compensation rules: event sourcing never rewrites history, so a wrong event is corrected by
// new ones. compensate(type, (event, state) => events) returns the events that correct `event`
// (an object, a list of them, or nothing when it needs no correction): {type, data, stream?,
// metadata?, reason?}. `state` is the event's stream as the built-in aggregate has it now.
// Choose these rules in the Compensation dock, then Draft.
compensate('InvoiceIssued', function (e, state) {
    var right = e.data.subtotal - e.data.discount + e.data.tax;
    if (Math.abs(right - e.data.total) < 0.005)
        return [];
    return [{
        type: 'InvoiceCorrected',
        data: { orderId: e.data.orderId, previousTotal: e.data.total, total: right },
        reason: 'the total did not match the invoice lines'
    }];
});
)js";

QString title(const char* text)
{
    return QCoreApplication::translate("eventscope::gui::ScriptTemplate", text);
}

} // namespace

ScriptTemplate scriptTemplate(ScriptKind kind)
{
    switch (kind) {
    case ScriptKind::Projection:
        return {title("Projection"), QStringLiteral("projection.js"), QString::fromUtf8(projectionSource)};
    case ScriptKind::Invariants:
        return {title("Invariants and Breakpoints"), QStringLiteral("invariants.js"),
                QString::fromUtf8(invariantsSource)};
    case ScriptKind::Upcaster:
        return {title("Upcaster"), QStringLiteral("upcaster.js"), QString::fromUtf8(upcasterSource)};
    case ScriptKind::CompensationRules:
        return {title("Compensation Rules"), QStringLiteral("compensations.js"),
                QString::fromUtf8(compensationSource)};
    }
    return {};
}

} // namespace eventscope::gui
