// Invariants and breakpoints for the generated shop, over a projection of their own: per sku stream
// its stock, per order (its order-N stream, its payment and its invoice) the expected and invoiced
// totals. A scan stops at the first event after which a check fires:
//   - "stock never negative" at the overselling race (STORIES.md, 65% of the log);
//   - "invoice total equals order total" at the first faulty invoice (55%);
//   - "every oversold reservation released" at the same reservation: unlike the stock, which the
//     expedited delivery brings back, a reservation taken without stock stays standing until a
//     compensating StockReleased (caused by it) or its reversal releases it;
//   - "expedited delivery" (an event breakpoint) where the warehouse rushes stock in after the race.
// The handlers for InvoiceCorrected, StockReleased and the generic reversals are what lets a what-if
// (eventscope-cli whatif, the window's Compensation dock) show the drafts of
// sample-compensations.js fixing both stories.
fromAll()
    .partitionBy(function (e) {
        switch (e.category) {
        case 'sku':
        case 'order':
            return e.streamId;
        case 'invoice':
        case 'customer':
            return e.data.orderId;
        default:
            return null;
        }
    })
    .when({
        $init: function () {
            return {};
        },
        StockReceived: function (s, e) {
            s.kind = 'sku';
            s.stock = (s.stock || 0) + e.data.qty;
        },
        StockReserved: function (s, e) {
            s.kind = 'sku';
            s.stock = (s.stock || 0) - e.data.qty;
            if (s.stock < 0) {
                s.oversold = s.oversold || {};
                s.oversold[e.id] = e.data.qty;
            }
        },
        StockReleased: function (s, e) {
            s.kind = 'sku';
            s.stock = (s.stock || 0) + e.data.qty;
            release(s, e.causationId);
        },
        // The generic reversal of a reservation: its quantity negated.
        StockReservedReversed: function (s, e) {
            s.kind = 'sku';
            s.stock = (s.stock || 0) - e.data.qty;
            release(s, e.metadata.reverses);
        },
        OrderPlaced: function (s, e) {
            s.kind = 'order';
            s.discountPercent = e.data.discountPercent;
            s.lines = {};
        },
        ItemAdded: function (s, e) {
            if (s.lines)
                s.lines[e.data.sku] = { qty: e.data.qty, unitCents: Math.round(e.data.unitPrice * 100) };
        },
        ItemRemoved: function (s, e) {
            if (s.lines)
                delete s.lines[e.data.sku];
        },
        InvoiceIssued: function (s, e) {
            if (!s.lines)
                return; // the order was placed before this log began
            var subtotal = 0;
            for (var sku in s.lines)
                subtotal += s.lines[sku].qty * s.lines[sku].unitCents;
            var discount = Math.floor((subtotal * s.discountPercent + 50) / 100);
            var tax = Math.floor(((subtotal - discount) * 20 + 50) / 100);
            s.orderTotal = (subtotal - discount + tax) / 100;
            s.invoiceTotal = e.data.total;
        },
        InvoiceCorrected: function (s, e) {
            if (s.invoiceTotal !== undefined)
                s.invoiceTotal = e.data.total;
        },
        // A reversed invoice is no invoice: there is no total left to disagree with the order.
        InvoiceIssuedReversed: function (s) {
            delete s.invoiceTotal;
        }
    });

function release(s, reservationId) {
    if (s.oversold && reservationId && s.oversold[reservationId] !== undefined)
        delete s.oversold[reservationId];
}

invariant('stock never negative', function (s) {
    return s.kind !== 'sku' || s.stock >= 0;
});

invariant('every oversold reservation released', function (s) {
    return s.kind !== 'sku' || !s.oversold || Object.keys(s.oversold).length === 0;
});

invariant('invoice total equals order total', function (s) {
    return s.invoiceTotal === undefined || Math.abs(s.invoiceTotal - s.orderTotal) < 0.005;
});

breakpoint('expedited delivery', function (e) {
    return e.eventType === 'StockReceived' && e.data.reason === 'expedited';
});
