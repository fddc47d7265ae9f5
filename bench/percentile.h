#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace eventscope::bench {

// The value at fraction p (0 = smallest, 1 = largest) of the sorted values; 0 when there are none.
inline double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::size_t(p * double(values.size() - 1))];
}

} // namespace eventscope::bench
