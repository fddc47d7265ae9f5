#pragma once

#include <cstdint>

namespace eventscope::bench {

struct GeneratorOptions
{
    std::int64_t events = 1000;
    std::uint64_t seed = 42;
    std::int64_t startUs = 1740787200LL * 1000000; // 2025-03-01T00:00:00Z
};

} // namespace eventscope::bench
