#include "simulation.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace eventscope::bench {
namespace {

constexpr std::int64_t secondUs = 1000000;
constexpr std::int64_t hourUs = 3600 * secondUs;
constexpr std::int64_t dayUs = 24 * hourUs;
constexpr double ordersPerSecond = 0.1; // on average over a day, outside bursts

} // namespace

OrdersSimulation::OrdersSimulation(const GeneratorOptions& options)
    : m_options(options), m_plan(StoryPlan::forEvents(options.events, options.seed)), m_catalog(options.seed),
      m_random(options.seed), m_ids(options.seed ^ 0x1d5eed1d5eedULL), m_nowUs(options.startUs),
      m_lastUs(options.startUs - 1)
{
    // The catalog is the same whatever the size; the customer base grows with the log.
    constexpr std::int64_t skuCount = 500;
    const auto customerCount = std::max<std::int64_t>(50, options.events / 25);
    m_skus.resize(size_t(skuCount));
    for (std::int64_t i = 0; i < skuCount; ++i) {
        m_skus[size_t(i)].number = i + 1;
        m_skus[size_t(i)].price = m_catalog.listPrice(i + 1);
    }
    m_customerVersions.assign(size_t(customerCount) + 1, 0);
    m_openingCorrelation = Uuid::random(m_ids);
    m_burstStartUs = m_burstEndUs = options.startUs + std::int64_t(m_random.exponential(6.0 * hourUs));

    // The opening stock take is loaded first, in a quick batch; trading starts a few seconds later.
    std::int64_t at = options.startUs;
    for (std::int32_t sku = 0; sku < std::int32_t(skuCount); ++sku) {
        at += m_random.between(3000, 40000);
        schedule(at, ActionKind::OpeningStock, -1, sku);
    }
    schedule(at + secondsBetween(2, 6), ActionKind::NextOrder);
    schedule(at + secondsBetween(10, 60), ActionKind::ChangePrice);
}

void OrdersSimulation::schedule(std::int64_t timeUs, ActionKind kind, std::int32_t order, std::int32_t arg,
                                const Uuid& cause)
{
    m_queue.push(Action{timeUs, m_sequence++, kind, order, arg, cause});
}

double OrdersSimulation::orderRatePerSecond(std::int64_t timeUs)
{
    // Quietest around 04:00 UTC, busiest around 16:00.
    const double hour = double((timeUs % dayUs + dayUs) % dayUs) / double(hourUs);
    const double daily = 1.0 - 0.8 * std::cos(2.0 * std::numbers::pi * (hour - 4.0) / 24.0);
    // Flash sales and newsletters: every six hours or so, 5 to 25 minutes at 3 to 8 times the rate.
    if (timeUs >= m_burstEndUs) {
        m_burstStartUs = timeUs + std::int64_t(m_random.exponential(6.0 * hourUs));
        m_burstEndUs = m_burstStartUs + secondsBetween(5 * 60, 25 * 60);
        m_burstFactor = double(m_random.between(3, 8));
    }
    const double burst = timeUs >= m_burstStartUs ? m_burstFactor : 1.0;
    return ordersPerSecond * daily * burst;
}

bool OrdersSimulation::next(std::string& out)
{
    m_out = &out;
    while (m_index < m_plan.events && !m_queue.empty()) {
        if (m_index == m_plan.raceAt && !m_raceStarted) {
            m_raceStarted = true;
            startRace();
        }
        if (m_index == m_plan.outageAt && !m_outageDone) {
            m_outageDone = true;
            m_outageFromUs = m_lastUs;
            m_lastUs += m_plan.outageUs;
        }
        const Action action = m_queue.top();
        m_queue.pop();
        // Work that fell due while nothing could be written (the outage, or a step scheduled in the
        // same microsecond) comes out as a backlog, a few hundred microseconds to a few ms apart.
        m_nowUs = action.timeUs > m_lastUs ? action.timeUs : m_lastUs + m_random.between(40, 2500);
        m_wrote = false;
        run(action);
        if (m_wrote) {
            if (m_outageDone && m_index - 1 == m_plan.outageAt)
                recordMoment(storynotes::outageOver(m_outageFromUs, m_nowUs));
            return true;
        }
    }
    return false;
}

void OrdersSimulation::run(const Action& action)
{
    switch (action.kind) {
    case ActionKind::OpeningStock:
        return openingStock(action.arg);
    case ActionKind::NextOrder:
        return nextOrder();
    case ActionKind::PlaceOrder:
        return placeOrder(action.order);
    case ActionKind::AddItem:
        return addItem(action.order);
    case ActionKind::ReserveStock:
        return reserveStock(action.order, action.arg);
    case ActionKind::RemoveItem:
        return removeItem(action.order);
    case ActionKind::ReleaseStock:
        return releaseStock(action.order, action.arg, action.cause);
    case ActionKind::Checkout:
        return checkout(action.order);
    case ActionKind::IssueInvoice:
        return issueInvoice(action.order);
    case ActionKind::Ship:
        return ship(action.order);
    case ActionKind::Restock:
        return restock(action.arg, action.cause, false);
    case ActionKind::RecoverRaceStock:
        return restock(action.arg, action.cause, true);
    case ActionKind::ChangePrice:
        return changePrice();
    }
}

EnvelopeHeader OrdersSimulation::newEvent(std::string_view category, std::int64_t number,
                                          std::int64_t version, std::string_view type)
{
    assert(!m_wrote);
    m_wrote = true;
    m_lastUs = m_nowUs;
    ++m_index;
    EnvelopeHeader header;
    header.id = Uuid::random(m_ids);
    m_lastEventId = header.id;
    header.category = category;
    header.streamNumber = number;
    header.streamVersion = version;
    header.type = type;
    header.timeUs = m_nowUs;
    return header;
}

JsonBuilder& OrdersSimulation::beginEvent(const EnvelopeHeader& header)
{
    m_writer.emplace(*m_out);
    return m_writer->begin(header);
}

void OrdersSimulation::endEvent(const Actor& user, std::string_view service)
{
    m_writer->end(user, service);
}

void OrdersSimulation::recordMoment(std::string note)
{
    assert(m_wrote);
    StoryMoment moment;
    moment.index = m_index - 1;
    appendUuid(moment.eventId, m_lastEventId);
    moment.note = std::move(note);
    m_moments.push_back(std::move(moment));
}

// The race: one sku is taken out of ordinary trading, a wholesale order takes all but its last two
// units, then two customers add those last units to their carts within a couple of milliseconds.
// Both reservations go through, the stock goes negative, and only an expedited restock some 35 to
// 55 minutes later brings it back.
void OrdersSimulation::startRace()
{
    const std::int64_t t = m_lastUs;
    // Any sku with a few units in hand and no delivery on its way will do.
    const auto count = std::int32_t(m_skus.size());
    m_raceSku = std::int32_t(m_random.below(count));
    for (std::int32_t i = 0; i < count; ++i) {
        const Sku& candidate = m_skus[size_t((m_raceSku + i) % count)];
        if (candidate.free >= 3 && !candidate.restockPending) {
            m_raceSku = (m_raceSku + i) % count;
            break;
        }
    }
    Sku& sku = m_skus[size_t(m_raceSku)];
    sku.frozen = true;
    if (sku.free > 2) {
        const std::int32_t bulk = newOrder(true);
        m_orders[size_t(bulk)].forcedSku = m_raceSku;
        m_orders[size_t(bulk)].forcedQty = std::int32_t(sku.free - 2);
        m_orders[size_t(bulk)].linesPlanned = 1;
        schedule(t + secondsBetween(1, 3), ActionKind::PlaceOrder, bulk);
        schedule(t + secondsBetween(8, 15), ActionKind::AddItem, bulk);
    }
    const std::int64_t raceUs = t + 60 * secondUs;
    for (int i = 0; i < 2; ++i) {
        const std::int32_t order = newOrder(true);
        m_orders[size_t(order)].forcedSku = m_raceSku;
        m_orders[size_t(order)].forcedQtyIsLastUnits = true;
        schedule(t + secondsBetween(18 + 8 * i, 24 + 8 * i), ActionKind::PlaceOrder, order);
        schedule(raceUs + (i == 0 ? 0 : m_random.between(900, 2500)), ActionKind::AddItem, order);
    }
    schedule(t + secondsBetween(35 * 60, 55 * 60), ActionKind::RecoverRaceStock, -1, m_raceSku);
}

} // namespace eventscope::bench
