// Revenue per day (UTC), from the payments captured on customer accounts (customer-N streams).
// Money is added up in cents, so that a day's total is exact; transformBy turns the state into
// euros and a list sorted by day, the way a chart reads it.
fromCategory('customer')
    .when({
        $init: function () {
            return { days: {}, totalCents: 0, payments: 0 };
        },
        PaymentCaptured: function (s, e) {
            var day = e.timestamp.substring(0, 10);
            var cents = Math.round(e.data.amount * 100);
            var d = s.days[day] || (s.days[day] = { cents: 0, payments: 0, methods: {} });
            d.cents += cents;
            d.payments += 1;
            d.methods[e.data.method] = (d.methods[e.data.method] || 0) + 1;
            s.totalCents += cents;
            s.payments += 1;
        }
    })
    .transformBy(function (s) {
        return {
            total: s.totalCents / 100,
            payments: s.payments,
            days: Object.keys(s.days).sort().map(function (day) {
                var d = s.days[day];
                return { day: day, revenue: d.cents / 100, payments: d.payments, methods: d.methods };
            })
        };
    });
