#include "uuid.h"

namespace eventscope::bench {

Uuid Uuid::random(Random& random)
{
    Uuid uuid{random.next(), random.next()};
    uuid.high = (uuid.high & ~0xf000ULL) | 0x4000ULL;                      // version 4
    uuid.low = (uuid.low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL; // RFC 4122 variant
    return uuid;
}

void appendUuid(std::string& out, const Uuid& uuid)
{
    static constexpr char hex[] = "0123456789abcdef";
    char text[36];
    int at = 0;
    auto put = [&](std::uint64_t word, int fromNibble, int count) {
        for (int i = fromNibble; i < fromNibble + count; ++i)
            text[at++] = hex[(word >> (60 - 4 * i)) & 0xf];
    };
    put(uuid.high, 0, 8);
    text[at++] = '-';
    put(uuid.high, 8, 4);
    text[at++] = '-';
    put(uuid.high, 12, 4);
    text[at++] = '-';
    put(uuid.low, 0, 4);
    text[at++] = '-';
    put(uuid.low, 4, 12);
    out.append(text, sizeof text);
}

} // namespace eventscope::bench
