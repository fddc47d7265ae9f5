#include "storymoments.h"

#include "jsonbuilder.h"

#include "timeformat.h"

namespace eventscope::bench {
namespace {

constexpr std::int64_t secondUs = 1000000;

std::string number(std::int64_t value)
{
    std::string text;
    appendInteger(text, value);
    return text;
}

// "€121.90": the shop's currency, as the audience reads it.
std::string euros(std::int64_t cents)
{
    std::string text = cents < 0 ? "-€" : "€";
    if (cents < 0)
        cents = -cents;
    appendInteger(text, cents / 100);
    text += '.';
    text += char('0' + cents % 100 / 10);
    text += char('0' + cents % 10);
    return text;
}

// "1.6 ms" for the race's few milliseconds.
std::string milliseconds(std::int64_t us)
{
    const std::int64_t tenths = (us + 50) / 100;
    return number(tenths / 10) + '.' + char('0' + tenths % 10) + " ms";
}

// "40 min 12 s" for the outage; "42 min" for the race's aftermath.
std::string minutesAndSeconds(std::int64_t us, bool withSeconds)
{
    const std::int64_t seconds = (us + secondUs / 2) / secondUs;
    if (!withSeconds)
        return number((seconds + 30) / 60) + " min";
    return number(seconds / 60) + " min " + number(seconds % 60) + " s";
}

// "14:03:11" of an RFC 3339 time.
std::string timeOfDay(std::int64_t us)
{
    return formatTimestampUtf8(us).substr(11, 8);
}

std::string units(std::int64_t qty)
{
    return number(qty) + (qty == 1 ? " unit" : " units");
}

} // namespace

namespace storynotes {

std::string schemaChange(std::string_view orderStream)
{
    std::string note = "OrderPlaced changes shape: schema version 2\n";
    note += orderStream;
    note += " is the first order written by the new checkout: the flat \"shipTo\" text became a nested "
            "\"shippingAddress\" object. Compare it with an older order in the state inspector; "
            "projections read both through an upcaster (upcast-order-placed.js).";
    return note;
}

std::string faultyInvoice(std::int64_t invoice, std::int64_t order, std::int64_t wrongTotal,
                          std::int64_t rightTotal, std::int64_t tax)
{
    return "First wrong invoice: VAT counted twice\ninvoice-" + number(invoice) + " bills order-" +
           number(order) + ' ' + euros(wrongTotal) + " instead of " + euros(rightTotal) +
           ": a billing deploy added the " + euros(tax) +
           " of VAT a second time. In the state inspector its total no longer equals subtotal - "
           "discount + tax, nor the payment captured just before.";
}

std::string oversold(std::int64_t sku, std::int64_t qty, std::int64_t firstOrder, std::int64_t secondOrder,
                     std::int64_t apartUs, std::int64_t stock)
{
    return "Overselling race: sku-" + number(sku) + " goes negative\norder-" + number(firstOrder) +
           " and order-" + number(secondOrder) + " both reserved the last " + units(qty) + " of sku-" +
           number(sku) + ", " + milliseconds(apartUs) +
           " apart, and both went through. In the state "
           "inspector (stock-per-sku.js) sku-" +
           number(sku) + "'s stock is now " + number(stock) + '.';
}

std::string expeditedRestock(std::int64_t sku, std::int64_t qty, std::int64_t negativeForUs,
                             std::int64_t stock)
{
    return "Expedited delivery: sku-" + number(sku) + " back in stock\nAfter " +
           minutesAndSeconds(negativeForUs, false) + " below zero the warehouse rushed in " + units(qty) +
           ", caused by the race's second reservation. In the state inspector sku-" + number(sku) +
           "'s stock is back to " + number(stock) + '.';
}

std::string outageOver(std::int64_t lastBeforeUs, std::int64_t firstAfterUs)
{
    return "Outage: no events for " + minutesAndSeconds(firstAfterUs - lastBeforeUs, true) +
           "\nNothing was written from " + timeOfDay(lastBeforeUs) + " to " + timeOfDay(firstAfterUs) +
           " UTC; the work that fell due meanwhile now comes out in a burst. The timeline shows the gap; "
           "step on and watch the events land a fraction of a millisecond apart.";
}

} // namespace storynotes

void appendStoryMomentsJsonl(std::string& out, std::span<const StoryMoment> moments)
{
    JsonBuilder json(out);
    for (const StoryMoment& moment : moments) {
        json.beginObject().string("id", moment.eventId).string("note", moment.note).endObject();
        out += '\n';
    }
}

} // namespace eventscope::bench
