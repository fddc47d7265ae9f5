// The member index of large objects: an open-addressing table of member positions, kept in step as
// members are appended and erased.

#include "jsonvaluedetail.h"

#include <bit>

namespace eventscope::json {

void Value::Node::Object::indexAppended()
{
    if (index.empty() || members.size() * 2 > index.size())
        rebuildIndex();
    else
        placeSlot(members.size() - 1, hashKey(members.back().key));
}

void Value::Node::Object::placeSlot(std::size_t position, std::uint32_t h)
{
    const std::size_t mask = index.size() - 1;
    std::size_t i = h & mask;
    while (index[i].position != 0)
        i = (i + 1) & mask;
    index[i] = Slot{static_cast<std::uint32_t>(position + 1), h};
}

void Value::Node::Object::rebuildIndex()
{
    const std::size_t capacity = std::max<std::size_t>(64, std::bit_ceil(members.size() * 2));
    index.assign(capacity, Slot{});
    for (std::size_t i = 0; i < members.size(); ++i)
        placeSlot(i, hashKey(members[i].key));
}

void Value::Node::Object::eraseAt(std::size_t position)
{
    if (!index.empty()) {
        // Backward-shift deletion keeps linear probing free of tombstones.
        const std::size_t mask = index.size() - 1;
        std::size_t hole = hashKey(members[position].key) & mask;
        while (index[hole].position != position + 1)
            hole = (hole + 1) & mask;
        for (std::size_t next = (hole + 1) & mask; index[next].position != 0; next = (next + 1) & mask) {
            const std::size_t home = index[next].hash & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            const bool homeBetween =
                hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = Slot{};
        if (position + 1 != members.size()) {
            // The members after it move down one place. A plain loop over the table: it
            // vectorises, and costs about as much as the erase itself.
            const std::uint32_t removed = static_cast<std::uint32_t>(position + 1);
            Slot* table = index.data();
            for (std::size_t i = 0, n = index.size(); i < n; ++i)
                table[i].position -= table[i].position > removed ? 1 : 0;
        }
    }
    members.erase(position);
}

} // namespace eventscope::json
