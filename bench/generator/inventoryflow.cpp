// Stock and prices: the warehouse and merchandising half of the simulation.
#include "simulation.h"

#include <algorithm>
#include <cmath>

namespace eventscope::bench {
namespace {

constexpr std::int64_t reorderPoint = 8;
constexpr double priceChangesPerOrder = 3.0;

template <typename T> const T& pick(Random& random, std::span<const T> table)
{
    return table[size_t(random.below(std::int64_t(table.size())))];
}

} // namespace

std::int32_t OrdersSimulation::pickSku()
{
    // A long tail: the first skus sell far more than the last ones.
    const double u = m_random.unit();
    return std::int32_t(u * std::sqrt(u) * double(m_skus.size()));
}

void OrdersSimulation::openingStock(std::int32_t sku)
{
    receiveStock(sku, m_random.between(20, 120), "opening-stock", {}, m_openingCorrelation);
}

void OrdersSimulation::receiveStock(std::int32_t index, std::int64_t qty, std::string_view reason,
                                    const Uuid& cause, const Uuid& correlation)
{
    Sku& sku = m_skus[size_t(index)];
    sku.stock += qty;
    sku.free += qty;
    EnvelopeHeader header = newEvent("sku", sku.number, ++sku.version, "StockReceived");
    header.causationId = cause;
    header.correlationId = correlation;
    std::string purchaseOrder = "PO-";
    appendInteger(purchaseOrder, 100000 + ++m_purchaseOrders);
    const std::string_view warehouse = m_catalog.warehouseOf(sku.number);
    beginEvent(header)
        .streamId("sku", "sku", sku.number)
        .integer("qty", qty)
        .string("warehouse", warehouse)
        .string("supplier", m_catalog.supplierOf(sku.number))
        .string("purchaseOrder", purchaseOrder)
        .string("reason", reason);
    endEvent({"goods-in"}, "inventory");
}

void OrdersSimulation::reserveStock(std::int32_t orderIndex, std::int32_t line)
{
    const Order& order = m_orders[size_t(orderIndex)];
    const OrderLine& reserved = order.lines[size_t(line)];
    Sku& sku = m_skus[size_t(reserved.sku)];
    sku.stock -= reserved.qty;
    EnvelopeHeader header = newEvent("sku", sku.number, ++sku.version, "StockReserved");
    header.causationId = reserved.addedEventId;
    header.correlationId = order.correlationId;
    if (order.forcedQtyIsLastUnits)
        m_raceReservation = header.id;
    beginEvent(header)
        .streamId("sku", "sku", sku.number)
        .integer("qty", reserved.qty)
        .string("warehouse", m_catalog.warehouseOf(sku.number));
    endEvent({"system"}, "inventory");
    if (order.forcedQtyIsLastUnits) {
        // The race: the first of the two reservations still fits; the second takes the sku below zero.
        if (m_raceFirstReservationUs < 0) {
            m_raceFirstReservationUs = m_nowUs;
            m_raceFirstOrder = order.number;
        } else if (sku.stock < 0 && m_raceNegativeSinceUs < 0) {
            m_raceNegativeSinceUs = m_nowUs;
            recordMoment(storynotes::oversold(sku.number, reserved.qty, m_raceFirstOrder, order.number,
                                              m_nowUs - m_raceFirstReservationUs, sku.stock));
        }
    }
    if (!sku.frozen && !sku.restockPending && sku.free < reorderPoint) {
        sku.restockPending = true;
        scheduleAfter(secondsBetween(20 * 60, 3 * 3600), ActionKind::Restock, -1, reserved.sku, header.id);
    }
}

void OrdersSimulation::releaseStock(std::int32_t orderIndex, std::int32_t line, const Uuid& cause)
{
    const Order& order = m_orders[size_t(orderIndex)];
    const OrderLine& released = order.lines[size_t(line)];
    Sku& sku = m_skus[size_t(released.sku)];
    sku.stock += released.qty;
    sku.free += released.qty;
    EnvelopeHeader header = newEvent("sku", sku.number, ++sku.version, "StockReleased");
    header.causationId = cause;
    header.correlationId = order.correlationId;
    beginEvent(header)
        .streamId("sku", "sku", sku.number)
        .integer("qty", released.qty)
        .string("warehouse", m_catalog.warehouseOf(sku.number))
        .string("reason", released.removed ? "item-removed" : "order-cancelled");
    endEvent({"system"}, "inventory");
}

void OrdersSimulation::restock(std::int32_t index, const Uuid& cause, bool raceRecovery)
{
    Sku& sku = m_skus[size_t(index)];
    sku.restockPending = false;
    if (raceRecovery) {
        sku.frozen = false;
        const std::int64_t deficit = std::max<std::int64_t>(0, -sku.stock);
        const std::int64_t qty = deficit + m_random.between(20, 60);
        receiveStock(index, qty, "expedited", m_raceReservation, Uuid::random(m_ids));
        if (m_raceNegativeSinceUs >= 0)
            recordMoment(
                storynotes::expeditedRestock(sku.number, qty, m_nowUs - m_raceNegativeSinceUs, sku.stock));
        return;
    }
    if (sku.frozen)
        return; // the race sku's ordinary delivery is late; the expedited one replaces it
    receiveStock(index, m_random.between(20, 80), "replenishment", cause, Uuid::random(m_ids));
}

void OrdersSimulation::changePrice()
{
    const double meanGapUs = 1e6 / (priceChangesPerOrder * orderRatePerSecond(m_nowUs));
    schedule(m_nowUs + 1 + std::int64_t(m_random.exponential(meanGapUs)), ActionKind::ChangePrice);

    Sku& sku = m_skus[size_t(m_random.below(std::int64_t(m_skus.size())))];
    const std::int64_t oldPrice = sku.price;
    // Up or down by 2 to 15 percent, keeping the shop's .99 / .49 price endings.
    const std::int64_t percent = m_random.between(2, 15) * (m_random.chance(0.5) ? 1 : -1);
    const std::int64_t euros = std::max<std::int64_t>(1, oldPrice * (100 + percent) / 10000);
    std::int64_t newPrice = euros * 100 + (m_random.chance(0.7) ? 99 : 49);
    if (newPrice == oldPrice)
        newPrice += 100;
    sku.price = newPrice;
    EnvelopeHeader header = newEvent("sku", sku.number, ++sku.version, "PriceChanged");
    beginEvent(header)
        .streamId("sku", "sku", sku.number)
        .money("oldPrice", oldPrice)
        .money("newPrice", newPrice)
        .string("currency", "EUR")
        .string("reason", pick(m_random, Catalog::priceReasons()));
    endEvent({pick(m_random, Catalog::merchandisers())}, "pricing");
}

} // namespace eventscope::bench
