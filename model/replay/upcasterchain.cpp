#include "upcasterchain.h"

namespace eventscope::replay {

void UpcasterChain::add(std::unique_ptr<Upcaster> upcaster)
{
    if (upcaster)
        m_links.push_back(std::move(upcaster));
}

bool UpcasterChain::handles(const QString& type, int schemaVersion) const
{
    for (const auto& link : m_links) {
        if (link->handles(type, schemaVersion))
            return true;
    }
    return false;
}

Event UpcasterChain::upcast(const Event& event)
{
    Event current = event;
    // Until no link applies: a later script may continue where an earlier one stopped.
    for (bool progressed = true; progressed;) {
        progressed = false;
        for (const auto& link : m_links) {
            if (link->handles(current.type, current.schemaVersion)) {
                const int before = current.schemaVersion;
                current = link->upcast(current);
                progressed = current.schemaVersion > before;
            }
        }
    }
    return current;
}

} // namespace eventscope::replay
