#pragma once

#include "random.h"

#include <cstdint>
#include <string>

namespace eventscope::bench {

// A random (version 4 layout) UUID drawn from the generator's own random sequence, so that ids are
// deterministic for a seed. The null UUID stands for "no id" (an omitted causation or correlation).
struct Uuid
{
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    bool isNull() const { return high == 0 && low == 0; }
    bool operator==(const Uuid&) const = default;

    static Uuid random(Random& random);
};

// Appends the 36-character textual form (8-4-4-4-12 lower-case hex digits).
void appendUuid(std::string& out, const Uuid& uuid);

} // namespace eventscope::bench
