// Open orders: placed and neither shipped nor cancelled, with their current lines and value, plus
// how many orders ended each way. The handlers return a new top-level state (the counters) and
// update the map of open orders in place: copying that map on every event would cost as much as
// it holds.
fromCategory('order')
    .when({
        $init: function () {
            return { open: {}, placed: 0, shipped: 0, cancelled: 0 };
        },
        OrderPlaced: function (s, e) {
            s.open[e.streamId] = {
                customer: e.data.customerId,
                channel: e.data.channel,
                placed: e.timestamp,
                discountPercent: e.data.discountPercent,
                lines: {},
                value: 0
            };
            return Object.assign({}, s, { placed: s.placed + 1 });
        },
        ItemAdded: function (s, e) {
            var order = s.open[e.streamId];
            if (!order)
                return s; // placed before this log began
            order.lines[e.data.sku] = { qty: e.data.qty, unitPrice: e.data.unitPrice };
            order.value = Math.round((order.value + e.data.qty * e.data.unitPrice) * 100) / 100;
            return s;
        },
        ItemRemoved: function (s, e) {
            var order = s.open[e.streamId];
            var line = order && order.lines[e.data.sku];
            if (!line)
                return s;
            order.value = Math.round((order.value - line.qty * line.unitPrice) * 100) / 100;
            delete order.lines[e.data.sku];
            return s;
        },
        OrderShipped: function (s, e) {
            delete s.open[e.streamId];
            return Object.assign({}, s, { shipped: s.shipped + 1 });
        },
        OrderCancelled: function (s, e) {
            delete s.open[e.streamId];
            return Object.assign({}, s, { cancelled: s.cancelled + 1 });
        }
    })
    .transformBy(function (s) {
        return { openCount: Object.keys(s.open).length, placed: s.placed, shipped: s.shipped, cancelled: s.cancelled, open: s.open };
    });
