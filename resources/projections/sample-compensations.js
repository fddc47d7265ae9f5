// Compensation rules for the generated shop (STORIES.md): what corrects each kind of mistake in its
// log, as new events. Draft them for the events that broke an invariant:
//
//   eventscope-cli draft shop.eventscope --violation sample-invariants.js --rules sample-compensations.js
//
// and preview their effect with `eventscope-cli whatif shop.eventscope --invariants
// sample-invariants.js` before exporting or appending them.

function cents(x) {
    return Math.round(x * 100);
}

// The faulty billing deploy (55%-60% of the log) added the VAT twice to the total. The invoice's own
// fields still hold the right amounts: total = subtotal - discount + tax. An invoice that is right
// needs no correction.
compensate('InvoiceIssued', function (e) {
    var d = e.data;
    var right = cents(d.subtotal) - cents(d.discount) + cents(d.tax);
    if (right === cents(d.total))
        return [];
    return [{
        type: 'InvoiceCorrected',
        data: {
            orderId: d.orderId,
            invoiceId: e.streamId,
            previousTotal: d.total,
            total: right / 100,
            difference: (right - cents(d.total)) / 100,
            currency: d.currency
        },
        reason: 'VAT added twice by the billing deploy: total = subtotal - discount + tax'
    }];
});

// The overselling race (65%): a reservation the stock did not cover. It is released; the order line
// it belongs to has to be cancelled with the customer.
compensate('StockReserved', function (e) {
    return [{
        type: 'StockReleased',
        data: { sku: e.data.sku, qty: e.data.qty, warehouse: e.data.warehouse, reason: 'oversold' },
        metadata: { orderCorrelation: e.correlationId },
        reason: 'reservation not covered by stock (overselling race): released'
    }];
});
