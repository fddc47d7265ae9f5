#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace eventscope::bench {

// One event that shows a planted story (STORIES.md), with a caption for it: what the bundled
// sample's bookmarks are made of, and what presentation mode shows while it replays the story.
struct StoryMoment
{
    std::int64_t index = 0; // the event's 0-based line index in the log
    std::string eventId;
    std::string note; // a headline, then on the next line one or two sentences
};

// The captions, one per story moment: short enough to read on a projector. Amounts are in cents,
// times and durations in microseconds.
namespace storynotes {

std::string schemaChange(std::string_view orderStream);
std::string faultyInvoice(std::int64_t invoice, std::int64_t order, std::int64_t wrongTotal,
                          std::int64_t rightTotal, std::int64_t tax);
std::string oversold(std::int64_t sku, std::int64_t qty, std::int64_t firstOrder, std::int64_t secondOrder,
                     std::int64_t apartUs, std::int64_t stock);
std::string expeditedRestock(std::int64_t sku, std::int64_t qty, std::int64_t negativeForUs,
                             std::int64_t stock);
std::string outageOver(std::int64_t lastBeforeUs, std::int64_t firstAfterUs);

} // namespace storynotes

// One {"id": "<event id>", "note": "..."} object per line, in the order given.
void appendStoryMomentsJsonl(std::string& out, std::span<const StoryMoment> moments);

} // namespace eventscope::bench
