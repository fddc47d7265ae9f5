#pragma once

#include "generatoroptions.h"
#include "storymoments.h"
#include "storyplan.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

    // The events written so far that show a planted story, in position order.
    const std::vector<StoryMoment>& moments() const;

private:
    std::unique_ptr<OrdersSimulation> m_simulation;
};

// Generates the whole log, handing it to sink in chunks of about chunkBytes (whole lines). Returns
// false as soon as sink does. When moments is given, it receives the story moments of the log
// (the log's bytes are the same either way).
bool generate(const GeneratorOptions& options, const std::function<bool(std::string_view)>& sink,
              std::size_t chunkBytes = 4 << 20, std::vector<StoryMoment>* moments = nullptr);

// The whole log in memory: for tests and small samples.
std::string generateAll(const GeneratorOptions& options);

} // namespace eventscope::bench
