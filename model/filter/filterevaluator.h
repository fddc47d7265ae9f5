#pragma once

#include "event.h"
#include "filterast.h"
#include "json/jsonvalue.h"

#include <optional>

namespace eventscope::filter::detail {

// One event as the evaluator reads it: the payloads are parsed on first use and then kept, so a
// filter reading several paths parses each payload once.
class EventView
{
public:
    explicit EventView(const Event& event) : m_event(event) {}

    const Event& event() const { return m_event; }
    // The value at a payload path, or nullptr when it is missing or the payload is not JSON.
    const json::Value* lookup(Field payload, const json::Path& path);

private:
    const Event& m_event;
    std::optional<std::optional<json::Value>> m_data; // outer: parsed yet; inner: valid JSON
    std::optional<std::optional<json::Value>> m_metadata;
};

bool evaluate(const Node& node, EventView& view);

} // namespace eventscope::filter::detail
