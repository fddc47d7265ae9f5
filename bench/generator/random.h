#pragma once

#include <cmath>
#include <cstdint>

namespace eventscope::bench {

// xoshiro256** seeded through splitmix64. Written out rather than taken from <random> because the
// standard distributions are implementation-defined, and the generator's output must be the same
// bytes for the same seed everywhere.
class Random
{
public:
    explicit Random(std::uint64_t seed)
    {
        for (auto& word : m_state)
            word = splitMix(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, bound); the modulo bias is far below anything the data could show.
    std::int64_t below(std::int64_t bound) { return std::int64_t(next() % std::uint64_t(bound)); }
    // Uniform in [low, high], both included.
    std::int64_t between(std::int64_t low, std::int64_t high) { return low + below(high - low + 1); }
    // Uniform in [0, 1).
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
    bool chance(double probability) { return unit() < probability; }
    // Exponentially distributed with the given mean: the gaps of a Poisson process.
    double exponential(double mean) { return -mean * std::log1p(-unit()); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMix(std::uint64_t& x)
    {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4] = {};
};

} // namespace eventscope::bench
