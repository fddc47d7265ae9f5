#pragma once

#include "generatoroptions.h"
#include "storyplan.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace eventscope::bench {

class OrdersSimulation;

// A deterministic, seeded generator of an "orders & inventory" event log in the canonical JSON
// Lines envelope (one object per line). The same options always give the same bytes.
class Generator
{
public:
    explicit Generator(const GeneratorOptions& options);
    ~Generator();
    Generator(const Generator&) = delete;
    Generator& operator=(const Generator&) = delete;

    const StoryPlan& plan() const;

    // Appends the next event's line (with its '\n') to out; false once every event was written.
    bool next(std::string& out);

private:
    std::unique_ptr<OrdersSimulation> m_simulation;
};

// Generates the whole log, handing it to sink in chunks of about chunkBytes (whole lines). Returns
// false as soon as sink does.
bool generate(const GeneratorOptions& options, const std::function<bool(std::string_view)>& sink,
              std::size_t chunkBytes = 4 << 20);

// The whole log in memory: for tests and small samples.
std::string generateAll(const GeneratorOptions& options);

} // namespace eventscope::bench
