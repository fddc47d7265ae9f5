// Stock per sku: what each sku has on hand, folded from its own stream (sku-N): StockReceived adds,
// StockReserved takes, StockReleased gives back. Also keeps the latest price and the totals moved.
//
// In the generated shop (bench/generator) one sku goes negative around 65% of the log: two
// customers reserved its last units a few milliseconds apart (STORIES.md, "Overselling race").
// sample-invariants.js turns that into a violation.
fromCategory('sku')
    .foreachStream()
    .when({
        $init: function () {
            return { sku: null, warehouse: null, stock: 0, received: 0, reserved: 0, released: 0, price: null, lastMove: null };
        },
        StockReceived: function (s, e) {
            s.sku = e.data.sku;
            s.warehouse = e.data.warehouse;
            s.stock += e.data.qty;
            s.received += e.data.qty;
            s.lastMove = e.timestamp;
        },
        StockReserved: function (s, e) {
            s.stock -= e.data.qty;
            s.reserved += e.data.qty;
            s.lastMove = e.timestamp;
        },
        StockReleased: function (s, e) {
            s.stock += e.data.qty;
            s.released += e.data.qty;
            s.lastMove = e.timestamp;
        },
        PriceChanged: function (s, e) {
            s.price = e.data.newPrice;
        }
    });
