// Invariants and breakpoints for the generated shop, over a projection of their own: per sku stream
// its stock, per order (its order-N stream, its payment and its invoice) the expected and invoiced
// totals. A scan stops at the first event after which a check fires:
//   - "stock never negative" at the overselling race (STORIES.md, 65% of the log);
//   - "invoice total equals order total" at the first faulty invoice (55%);
//   - "expedited delivery" (an event breakpoint) where the warehouse rushes stock in after the race.
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
        },
        StockReleased: function (s, e) {
            s.kind = 'sku';
            s.stock = (s.stock || 0) + e.data.qty;
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
        }
    });

invariant('stock never negative', function (s) {
    return s.kind !== 'sku' || s.stock >= 0;
});

invariant('invoice total equals order total', function (s) {
    return s.invoiceTotal === undefined || Math.abs(s.invoiceTotal - s.orderTotal) < 0.005;
});

breakpoint('expedited delivery', function (e) {
    return e.eventType === 'StockReceived' && e.data.reason === 'expedited';
});
