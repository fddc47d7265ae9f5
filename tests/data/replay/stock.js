// Stock per sku, one state per stream.
fromCategory('sku')
    .foreachStream()
    .when({
        $init: () => ({ stock: 0 }),
        StockReceived: (s, e) => { s.stock += e.data.qty; },
        StockReserved: (s, e) => { s.stock -= e.data.qty; }
    });
