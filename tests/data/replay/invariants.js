// Over stock.js's projection, declared here so that verify needs nothing else.
fromCategory('sku')
    .foreachStream()
    .when({
        $init: () => ({ stock: 0 }),
        StockReceived: (s, e) => { s.stock += e.data.qty; },
        StockReserved: (s, e) => { s.stock -= e.data.qty; }
    });

invariant('stock never negative', s => s.stock >= 0);
invariant('stock under 100', s => s.stock < 100);
breakpoint('big reservation', e => e.eventType === 'StockReserved' && e.data.qty >= 4);
