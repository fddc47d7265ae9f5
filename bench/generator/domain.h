#pragma once

#include "uuid.h"

#include <cstdint>
#include <vector>

namespace eventscope::bench {

// The state the simulation keeps to write coherent events; never written out as such.

struct OrderLine
{
    std::int32_t sku = 0; // index into the sku table
    std::int32_t qty = 0;
    std::int64_t unitPrice = 0; // cents
    Uuid addedEventId;
    bool removed = false;
};

struct Order
{
    std::int64_t number = 0; // order-<number>
    std::int64_t customer = 0;
    std::int64_t version = 0; // the last stream version written
    int discountPercent = 0;
    int linesPlanned = 0;
    bool scripted = false;       // part of a planted story: never cancelled, no item removed
    std::int32_t forcedSku = -1; // the first line's sku and qty for a scripted order
    std::int32_t forcedQty = 0;
    bool forcedQtyIsLastUnits = false; // race: the qty is whatever the sku has left
    Uuid correlationId;
    Uuid placedEventId;
    Uuid lastEventId;
    Uuid paymentEventId;
    Uuid invoiceEventId;
    std::vector<OrderLine> lines;
};

struct Sku
{
    std::int64_t number = 0; // sku-<number>
    std::int64_t version = 0;
    std::int64_t price = 0; // cents
    std::int64_t stock = 0; // as folded from the events written so far
    std::int64_t free = 0;  // stock minus reservations scheduled but not yet written
    bool restockPending = false;
    bool frozen = false; // the race sku, while its story plays: no ordinary orders, no restock
};

enum class ActionKind : std::uint8_t
{
    OpeningStock,
    NextOrder,
    PlaceOrder,
    AddItem,
    ReserveStock,
    RemoveItem,
    ReleaseStock,
    Checkout,
    IssueInvoice,
    Ship,
    Restock,
    RecoverRaceStock,
    ChangePrice,
};

// A step of the simulation due at timeUs; ties run in the order they were scheduled.
struct Action
{
    std::int64_t timeUs = 0;
    std::uint64_t sequence = 0;
    ActionKind kind = ActionKind::NextOrder;
    std::int32_t order = -1; // index into the order table
    std::int32_t arg = -1;   // a line index or a sku index, by kind
    Uuid cause;              // the event that caused this step, where it is not the order's

    bool operator>(const Action& other) const
    {
        return timeUs != other.timeUs ? timeUs > other.timeUs : sequence > other.sequence;
    }
};

} // namespace eventscope::bench
