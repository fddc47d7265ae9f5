#pragma once

#include "upcaster.h"

#include <memory>
#include <vector>

namespace eventscope::replay {

// Several upcasters (from several scripts) as one: each applies in turn to what the previous one
// gave, so one script may take OrderPlaced v1 to v2 and another v2 to v3.
class UpcasterChain final : public Upcaster
{
public:
    void add(std::unique_ptr<Upcaster> upcaster);
    bool isEmpty() const { return m_links.empty(); }

    bool handles(const QString& type, int schemaVersion) const override;
    Event upcast(const Event& event) override;

private:
    std::vector<std::unique_ptr<Upcaster>> m_links;
};

} // namespace eventscope::replay
