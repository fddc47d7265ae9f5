#pragma once

#include <cstdint>

namespace eventscope::bench {

// Where the planted stories sit in a log of `events` lines, by 0-based line index, so that they land
// at the same relative place whatever the size (see STORIES.md). Needs a few thousand events for
// every story to play out.
//
//  - schema:  from 40% on, OrderPlaced is written as schemaVersion 2: the flat "shipTo" string
//             becomes a nested "shippingAddress" object.
//  - invoice: InvoiceIssued written in [55%, 60%) count the VAT twice (a faulty billing deploy):
//             their total is subtotal - discount + 2 * tax, unlike the order's items, the
//             invoice's own fields and the payment captured just before.
//  - race:    at 65%, one sku is brought down to its last units; two orders reserve them within a
//             few milliseconds of each other, and the sku's stock goes negative until a restock.
//  - outage:  at 75%, no event at all for 38 to 43 minutes; then the backlog arrives in a burst.
struct StoryPlan
{
    std::int64_t events = 0;
    std::int64_t schemaV2From = 0;
    std::int64_t faultyInvoicesFrom = 0; // [from, to)
    std::int64_t faultyInvoicesTo = 0;
    std::int64_t raceAt = 0;
    std::int64_t outageAt = 0; // the first event after the outage
    std::int64_t outageUs = 0;

    static StoryPlan forEvents(std::int64_t events, std::uint64_t seed);

    bool isOrderPlacedV2(std::int64_t index) const { return index >= schemaV2From; }
    bool isFaultyInvoice(std::int64_t index) const
    {
        return index >= faultyInvoicesFrom && index < faultyInvoicesTo;
    }
};

} // namespace eventscope::bench
