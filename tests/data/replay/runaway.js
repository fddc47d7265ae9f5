fromAll().when({
    $init: () => ({}),
    StockReserved: (s, e) => { for (;;) {} }
});
