#include "adaptivepoll.h"

#include <algorithm>

namespace eventscope::importers::live {

AdaptivePoll::AdaptivePoll(Duration floor, Duration ceiling)
    : m_floor(std::max(floor, Duration(1))), m_ceiling(std::max(ceiling, m_floor)), m_current(m_floor)
{}

void AdaptivePoll::unchanged()
{
    m_current = std::min(m_current * 2, m_ceiling);
}

} // namespace eventscope::importers::live
