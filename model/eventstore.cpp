#include "eventstore.h"

namespace eventscope {

std::optional<Event> EventStore::eventAt(qint64 position)
{
    auto events = window(position, 1);
    if (events.empty())
        return std::nullopt;
    return std::move(events.front());
}

} // namespace eventscope
