fromAll().when({
    $init: () => ({ n: 0 }),
    OrderPlaced: (s, e) => {
        s.n += e.data.lines.length;
    }
});
