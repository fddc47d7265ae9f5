#include "generator.h"

#include "simulation.h"

namespace eventscope::bench {

Generator::Generator(const GeneratorOptions& options)
    : m_simulation(std::make_unique<OrdersSimulation>(options))
{}

Generator::~Generator() = default;

const StoryPlan& Generator::plan() const
{
    return m_simulation->plan();
}

bool Generator::next(std::string& out)
{
    return m_simulation->next(out);
}

const std::vector<StoryMoment>& Generator::moments() const
{
    return m_simulation->moments();
}

bool generate(const GeneratorOptions& options, const std::function<bool(std::string_view)>& sink,
              std::size_t chunkBytes, std::vector<StoryMoment>* moments)
{
    Generator generator(options);
    std::string buffer;
    buffer.reserve(chunkBytes + 4096);
    while (generator.next(buffer)) {
        if (buffer.size() >= chunkBytes) {
            if (!sink(buffer))
                return false;
            buffer.clear();
        }
    }
    if (!buffer.empty() && !sink(buffer))
        return false;
    if (moments)
        *moments = generator.moments();
    return true;
}

std::string generateAll(const GeneratorOptions& options)
{
    std::string all;
    all.reserve(size_t(options.events) * 340);
    Generator generator(options);
    while (generator.next(all)) {
    }
    return all;
}

} // namespace eventscope::bench
