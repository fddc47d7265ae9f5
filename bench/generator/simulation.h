#pragma once

#include "catalog.h"
#include "domain.h"
#include "envelope.h"
#include "generatoroptions.h"
#include "random.h"
#include "storymoments.h"
#include "storyplan.h"

#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

namespace eventscope::bench {

// A discrete-event simulation of a small shop: customers place orders, add and remove items, pay
// or cancel; inventory reserves, releases and restocks; billing invoices; shipping ships; a
// repricing job moves prices. Each step writes at most one event, at a time never earlier than the
// last one, and schedules its consequences. The stories of StoryPlan are planted on top.
//
// The definitions are split by concern: simulation.cpp (clock, scheduler, stories),
// orderflow.cpp (orders, payments, invoices, shipping), inventoryflow.cpp (stock and prices).
class OrdersSimulation
{
public:
    explicit OrdersSimulation(const GeneratorOptions& options);

    const StoryPlan& plan() const { return m_plan; }
    // The events that show each story, in the order they were written (see StoryMoment).
    const std::vector<StoryMoment>& moments() const { return m_moments; }

    // Appends the next event's line to out; false once every event was written.
    bool next(std::string& out);

private:
    // Clock and scheduler.
    void schedule(std::int64_t timeUs, ActionKind kind, std::int32_t order = -1, std::int32_t arg = -1,
                  const Uuid& cause = {});
    void scheduleAfter(std::int64_t delayUs, ActionKind kind, std::int32_t order = -1, std::int32_t arg = -1,
                       const Uuid& cause = {})
    {
        schedule(m_nowUs + delayUs, kind, order, arg, cause);
    }
    std::int64_t secondsBetween(int low, int high)
    {
        return m_random.between(low, high) * 1000000LL + m_random.below(1000000);
    }
    std::int64_t millisBetween(int low, int high) { return m_random.between(low * 1000, high * 1000); }
    double orderRatePerSecond(std::int64_t timeUs);
    void run(const Action& action);

    // Writing: at most one event per action.
    EnvelopeHeader newEvent(std::string_view category, std::int64_t number, std::int64_t version,
                            std::string_view type);
    JsonBuilder& beginEvent(const EnvelopeHeader& header);
    void endEvent(const Actor& user, std::string_view service);

    // Stories.
    void startRace();
    // Marks the event just written as showing a story. Draws no random number, so that the log is
    // the same bytes whether or not anyone reads the moments.
    void recordMoment(std::string note);

    // Orders, payments, invoices, shipping (orderflow.cpp).
    std::int32_t newOrder(bool scripted);
    void nextOrder();
    void placeOrder(std::int32_t order);
    void addItem(std::int32_t order);
    bool pickLine(Order& order, std::int32_t& sku, std::int32_t& qty);
    void afterLastItem(std::int32_t order);
    void removeItem(std::int32_t order);
    void checkout(std::int32_t order);
    void cancel(std::int32_t order, std::string_view reason, const Actor& user);
    void capturePayment(std::int32_t order);
    void issueInvoice(std::int32_t order);
    void ship(std::int32_t order);
    struct Totals
    {
        std::int64_t subtotal = 0;
        std::int64_t discount = 0;
        std::int64_t tax = 0;
        std::int64_t total = 0;
    };
    Totals totalsOf(const Order& order) const;

    // Stock and prices (inventoryflow.cpp).
    void openingStock(std::int32_t sku);
    void reserveStock(std::int32_t order, std::int32_t line);
    void releaseStock(std::int32_t order, std::int32_t line, const Uuid& cause);
    void restock(std::int32_t sku, const Uuid& cause, bool raceRecovery);
    void receiveStock(std::int32_t sku, std::int64_t qty, std::string_view reason, const Uuid& cause,
                      const Uuid& correlation);
    void changePrice();
    std::int32_t pickSku();

    GeneratorOptions m_options;
    StoryPlan m_plan;
    Catalog m_catalog;
    Random m_random; // the simulation's choices
    Random m_ids;    // event and correlation ids, drawn apart so that ids do not shift choices

    std::priority_queue<Action, std::vector<Action>, std::greater<>> m_queue;
    std::uint64_t m_sequence = 0;
    std::int64_t m_index = 0;  // events written so far
    std::int64_t m_nowUs = 0;  // the time of the event being written
    std::int64_t m_lastUs = 0; // the time of the last event written
    bool m_wrote = false;
    bool m_outageDone = false;
    bool m_raceStarted = false;

    std::int64_t m_burstStartUs = 0;
    std::int64_t m_burstEndUs = 0;
    double m_burstFactor = 1.0;

    std::vector<Order> m_orders;
    std::vector<Sku> m_skus;
    std::vector<std::int64_t> m_customerVersions; // by customer number
    std::int64_t m_invoices = 0;
    std::int64_t m_purchaseOrders = 0;
    Uuid m_openingCorrelation;

    std::int32_t m_raceSku = 0;
    std::int32_t m_raceQty = 0;
    Uuid m_raceReservation;

    // What the story captions tell: which events, how far apart, for how long.
    std::vector<StoryMoment> m_moments;
    Uuid m_lastEventId;
    bool m_schemaChangeShown = false;
    bool m_faultyInvoiceShown = false;
    std::int64_t m_raceFirstOrder = 0; // order-N of the first racing reservation
    std::int64_t m_raceFirstReservationUs = -1;
    std::int64_t m_raceNegativeSinceUs = -1; // the time the race sku went negative
    std::int64_t m_outageFromUs = 0;         // the last event before the outage

    std::string* m_out = nullptr;
    std::optional<EnvelopeWriter> m_writer;
};

} // namespace eventscope::bench
