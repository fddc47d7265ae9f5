#include "storyplan.h"

#include "random.h"

namespace eventscope::bench {

StoryPlan StoryPlan::forEvents(std::int64_t events, std::uint64_t seed)
{
    const auto at = [events](int percent) { return events * percent / 100; };
    Random random(seed ^ 0x51a7e5c0ffeeULL);
    StoryPlan plan;
    plan.events = events;
    plan.schemaV2From = at(40);
    plan.faultyInvoicesFrom = at(55);
    plan.faultyInvoicesTo = at(60);
    plan.raceAt = at(65);
    plan.outageAt = at(75);
    plan.outageUs = random.between(38 * 60, 43 * 60) * 1000000 + random.below(1000000);
    return plan;
}

} // namespace eventscope::bench
