// Orders, payments, invoices and shipping: the customer-facing half of the simulation.
#include "simulation.h"

#include <algorithm>

namespace eventscope::bench {
namespace {

constexpr int vatPercent = 20;
constexpr std::string_view currency = "EUR";

template <typename T> const T& pick(Random& random, std::span<const T> table)
{
    return table[size_t(random.below(std::int64_t(table.size())))];
}

} // namespace

std::int32_t OrdersSimulation::newOrder(bool scripted)
{
    Order order;
    order.number = std::int64_t(m_orders.size()) + 1;
    // Returning customers: low customer numbers order far more often than high ones.
    const double u = m_random.unit();
    order.customer = 1 + std::int64_t(u * u * double(m_customerVersions.size() - 1));
    static constexpr int discounts[] = {5, 10, 10, 15, 20};
    order.discountPercent = m_random.chance(0.3) ? discounts[m_random.below(5)] : 0;
    const double lines = m_random.unit();
    order.linesPlanned = lines < 0.35 ? 1 : lines < 0.65 ? 2 : lines < 0.85 ? 3 : int(m_random.between(4, 6));
    order.scripted = scripted;
    order.correlationId = Uuid::random(m_ids);
    m_orders.push_back(std::move(order));
    return std::int32_t(m_orders.size() - 1);
}

void OrdersSimulation::nextOrder()
{
    const std::int32_t order = newOrder(false);
    const double meanGapUs = 1e6 / orderRatePerSecond(m_nowUs);
    schedule(m_nowUs + 1 + std::int64_t(m_random.exponential(meanGapUs)), ActionKind::NextOrder);
    scheduleAfter(secondsBetween(5, 60), ActionKind::AddItem, order);
    placeOrder(order);
}

void OrdersSimulation::placeOrder(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    const bool v2 = m_plan.isOrderPlacedV2(m_index);
    EnvelopeHeader header = newEvent("order", order.number, ++order.version, "OrderPlaced");
    header.schemaVersion = v2 ? 2 : 1;
    header.correlationId = order.correlationId;
    order.placedEventId = order.lastEventId = header.id;

    const Address address = m_catalog.customerAddress(order.customer);
    JsonBuilder& data = beginEvent(header);
    data.streamId("customerId", "customer", order.customer)
        .string("channel", pick(m_random, Catalog::channels()))
        .string("currency", currency)
        .integer("discountPercent", order.discountPercent);
    if (v2) {
        data.beginObject("shippingAddress")
            .string("street", address.street)
            .string("postcode", address.postcode)
            .string("city", address.city)
            .string("country", address.country)
            .endObject();
    } else {
        std::string shipTo = address.street;
        shipTo.append(", ").append(address.postcode).append(" ").append(address.city).append(", ");
        shipTo.append(address.country);
        data.string("shipTo", shipTo);
    }
    endEvent({"customer", order.customer}, "checkout");
    if (v2 && !m_schemaChangeShown) {
        m_schemaChangeShown = true;
        recordMoment(storynotes::schemaChange("order-" + std::to_string(order.number)));
    }
}

bool OrdersSimulation::pickLine(Order& order, std::int32_t& sku, std::int32_t& qty)
{
    if (order.forcedSku >= 0 && order.lines.empty()) {
        sku = order.forcedSku;
        if (!order.forcedQtyIsLastUnits) {
            qty = order.forcedQty;
        } else {
            // Both racers saw the same "last units" on the product page.
            if (m_raceQty == 0)
                m_raceQty = std::int32_t(std::max<std::int64_t>(1, m_skus[size_t(sku)].free));
            qty = m_raceQty;
        }
        return true;
    }
    const double q = m_random.unit();
    qty = q < 0.7 ? 1 : q < 0.9 ? 2 : std::int32_t(m_random.between(3, 5));
    for (int attempt = 0; attempt < 8; ++attempt) {
        sku = pickSku();
        const Sku& candidate = m_skus[size_t(sku)];
        const bool inOrder = std::any_of(order.lines.begin(), order.lines.end(),
                                         [&](const OrderLine& line) { return line.sku == sku; });
        if (!candidate.frozen && candidate.free >= qty && !inOrder)
            return true;
    }
    return false; // out of stock everywhere the customer looked
}

void OrdersSimulation::addItem(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    std::int32_t skuIndex = 0;
    std::int32_t qty = 0;
    if (!pickLine(order, skuIndex, qty)) {
        order.linesPlanned = std::max(0, order.linesPlanned - 1);
    } else {
        Sku& sku = m_skus[size_t(skuIndex)];
        sku.free -= qty;
        EnvelopeHeader header = newEvent("order", order.number, ++order.version, "ItemAdded");
        header.causationId = order.placedEventId;
        header.correlationId = order.correlationId;
        order.lastEventId = header.id;
        order.lines.push_back(OrderLine{skuIndex, qty, sku.price, header.id, false});
        beginEvent(header)
            .streamId("sku", "sku", sku.number)
            .integer("qty", qty)
            .money("unitPrice", sku.price);
        endEvent({"customer", order.customer}, "checkout");
        // Inventory reacts within milliseconds; the racers' reservations land almost together.
        const std::int64_t reserveUs = order.forcedQtyIsLastUnits && order.lines.size() == 1
                                           ? m_random.between(2000, 4000)
                                           : millisBetween(1, 25);
        scheduleAfter(reserveUs, ActionKind::ReserveStock, index, std::int32_t(order.lines.size() - 1));
    }
    if (std::int64_t(order.lines.size()) < order.linesPlanned)
        scheduleAfter(secondsBetween(5, 90), ActionKind::AddItem, index);
    else
        afterLastItem(index);
}

void OrdersSimulation::afterLastItem(std::int32_t index)
{
    const Order& order = m_orders[size_t(index)];
    if (!order.scripted && order.lines.size() >= 2 && m_random.chance(0.12))
        scheduleAfter(secondsBetween(10, 120), ActionKind::RemoveItem, index);
    else
        scheduleAfter(secondsBetween(20, 300), ActionKind::Checkout, index);
}

void OrdersSimulation::removeItem(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    const auto line = std::int32_t(m_random.below(std::int64_t(order.lines.size())));
    OrderLine& removed = order.lines[size_t(line)];
    removed.removed = true;
    EnvelopeHeader header = newEvent("order", order.number, ++order.version, "ItemRemoved");
    header.causationId = removed.addedEventId;
    header.correlationId = order.correlationId;
    order.lastEventId = header.id;
    beginEvent(header).streamId("sku", "sku", m_skus[size_t(removed.sku)].number).integer("qty", removed.qty);
    endEvent({"customer", order.customer}, "checkout");
    scheduleAfter(millisBetween(1, 20), ActionKind::ReleaseStock, index, line, header.id);
    scheduleAfter(secondsBetween(20, 300), ActionKind::Checkout, index);
}

void OrdersSimulation::checkout(std::int32_t index)
{
    const Order& order = m_orders[size_t(index)];
    const bool empty = std::none_of(order.lines.begin(), order.lines.end(),
                                    [](const OrderLine& line) { return !line.removed; });
    if (empty)
        return cancel(index, "out-of-stock", {"system"});
    if (!order.scripted && m_random.chance(0.06)) {
        const std::string_view reason = pick(m_random, Catalog::cancelReasons());
        if (reason == "customer-request")
            return cancel(index, reason, {"customer", order.customer});
        return cancel(index, reason, {pick(m_random, Catalog::supportAgents())});
    }
    capturePayment(index);
}

void OrdersSimulation::cancel(std::int32_t index, std::string_view reason, const Actor& user)
{
    Order& order = m_orders[size_t(index)];
    EnvelopeHeader header = newEvent("order", order.number, ++order.version, "OrderCancelled");
    header.causationId = order.lastEventId;
    header.correlationId = order.correlationId;
    order.lastEventId = header.id;
    beginEvent(header).string("reason", reason);
    endEvent(user, "checkout");
    std::int64_t delayUs = 0;
    for (size_t line = 0; line < order.lines.size(); ++line) {
        if (order.lines[line].removed)
            continue;
        delayUs += millisBetween(1, 20);
        scheduleAfter(delayUs, ActionKind::ReleaseStock, index, std::int32_t(line), header.id);
    }
}

OrdersSimulation::Totals OrdersSimulation::totalsOf(const Order& order) const
{
    Totals totals;
    for (const OrderLine& line : order.lines) {
        if (!line.removed)
            totals.subtotal += line.qty * line.unitPrice;
    }
    totals.discount = (totals.subtotal * order.discountPercent + 50) / 100;
    totals.tax = ((totals.subtotal - totals.discount) * vatPercent + 50) / 100;
    totals.total = totals.subtotal - totals.discount + totals.tax;
    return totals;
}

void OrdersSimulation::capturePayment(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    EnvelopeHeader header =
        newEvent("customer", order.customer, ++m_customerVersions[size_t(order.customer)], "PaymentCaptured");
    header.causationId = order.lastEventId;
    header.correlationId = order.correlationId;
    order.paymentEventId = header.id;
    beginEvent(header)
        .streamId("orderId", "order", order.number)
        .money("amount", totalsOf(order).total)
        .string("currency", currency)
        .string("method", pick(m_random, Catalog::paymentMethods()));
    endEvent({"customer", order.customer}, "payments");
    scheduleAfter(millisBetween(80, 2500), ActionKind::IssueInvoice, index);
}

void OrdersSimulation::issueInvoice(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    Totals totals = totalsOf(order);
    const std::int64_t rightTotal = totals.total;
    // The faulty billing deploy adds the VAT a second time to the total (see StoryPlan).
    const bool faulty = m_plan.isFaultyInvoice(m_index);
    if (faulty)
        totals.total += totals.tax;
    EnvelopeHeader header = newEvent("invoice", ++m_invoices, 1, "InvoiceIssued");
    header.causationId = order.paymentEventId;
    header.correlationId = order.correlationId;
    order.invoiceEventId = header.id;
    JsonBuilder& data = beginEvent(header);
    data.streamId("orderId", "order", order.number)
        .streamId("customerId", "customer", order.customer)
        .beginArray("lines");
    for (const OrderLine& line : order.lines) {
        if (line.removed)
            continue;
        data.beginObject()
            .streamId("sku", "sku", m_skus[size_t(line.sku)].number)
            .integer("qty", line.qty)
            .money("unitPrice", line.unitPrice)
            .money("amount", line.qty * line.unitPrice)
            .endObject();
    }
    data.endArray()
        .money("subtotal", totals.subtotal)
        .money("discount", totals.discount)
        .money("tax", totals.tax)
        .money("total", totals.total)
        .string("currency", currency);
    endEvent({"system"}, "billing");
    if (faulty && !m_faultyInvoiceShown) {
        m_faultyInvoiceShown = true;
        recordMoment(
            storynotes::faultyInvoice(m_invoices, order.number, totals.total, rightTotal, totals.tax));
    }
    scheduleAfter(secondsBetween(30 * 60, 20 * 3600), ActionKind::Ship, index);
}

void OrdersSimulation::ship(std::int32_t index)
{
    Order& order = m_orders[size_t(index)];
    EnvelopeHeader header = newEvent("order", order.number, ++order.version, "OrderShipped");
    header.causationId = order.invoiceEventId;
    header.correlationId = order.correlationId;
    order.lastEventId = header.id;
    const std::string_view carrier = pick(m_random, Catalog::carriers());
    std::string tracking(carrier);
    appendInteger(tracking, m_random.between(1000000000LL, 9999999999LL));
    const auto first = std::find_if(order.lines.begin(), order.lines.end(),
                                    [](const OrderLine& line) { return !line.removed; });
    beginEvent(header)
        .string("carrier", carrier)
        .string("trackingNumber", tracking)
        .string("warehouse", m_catalog.warehouseOf(m_skus[size_t(first->sku)].number));
    endEvent({"system"}, "shipping");
    std::vector<OrderLine>().swap(order.lines); // the story is over; keep long runs small
}

} // namespace eventscope::bench
