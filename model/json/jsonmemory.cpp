// Memory accounting: what a value's nodes occupy, and what a snapshot adds to the one before it.

#include "jsonvaluedetail.h"

namespace eventscope::json {

namespace {

using detail::Access;
using StringNode = Access::StringNode;
using ArrayNode = Access::ArrayNode;
using ObjectNode = Access::ObjectNode;
using Member = Access::Member;

// Before each node: the control block's counts and vtable pointer, and the allocator it keeps.
constexpr std::size_t kControlBlockBytes = 16 + sizeof(detail::TrailingAllocator<char>);
const std::size_t kInlineStringCapacity = std::string().capacity();

std::size_t stringHeapBytes(const std::string& s)
{
    return s.capacity() > kInlineStringCapacity ? s.capacity() + 1 : 0;
}

// The bytes of `v`'s own node, not counting its children's nodes.
std::size_t ownBytes(const Value& v)
{
    if (const StringNode* s = Access::stringOf(v))
        return kControlBlockBytes + sizeof(StringNode) + s->text().size();
    if (const ArrayNode* a = Access::arrayOf(v))
        return kControlBlockBytes + sizeof(ArrayNode) + a->items.capacity() * sizeof(Value);
    if (const ObjectNode* o = Access::objectOf(v)) {
        std::size_t bytes = kControlBlockBytes + sizeof(ObjectNode) + o->members.capacity() * sizeof(Member) +
                            o->index.capacity() * sizeof(ObjectNode::Slot);
        for (const Member& m : o->members)
            bytes += stringHeapBytes(m.key);
        return bytes;
    }
    return 0;
}

std::size_t nodeBytes(const Value& v)
{
    std::size_t bytes = ownBytes(v);
    if (const ArrayNode* a = Access::arrayOf(v)) {
        for (const Value& item : a->items)
            bytes += nodeBytes(item);
    } else if (const ObjectNode* o = Access::objectOf(v)) {
        for (const Member& m : o->members)
            bytes += nodeBytes(m.value);
    }
    return bytes;
}

std::size_t unsharedBytes(const Value& v, const Value& base)
{
    if (v.sharesWith(base))
        return 0;
    if (v.type() != base.type())
        return nodeBytes(v);
    std::size_t bytes = ownBytes(v);
    if (const ArrayNode* a = Access::arrayOf(v)) {
        for (std::size_t i = 0; i < a->items.size(); ++i)
            bytes += unsharedBytes(a->items[i], base.at(i));
    } else if (const ObjectNode* o = Access::objectOf(v)) {
        for (std::size_t i = 0; i < o->members.size(); ++i) {
            const Member& m = o->members[i];
            const Value* before = base.keyAt(i) == m.key ? &base.valueAt(i) : base.find(m.key);
            bytes += before ? unsharedBytes(m.value, *before) : nodeBytes(m.value);
        }
    }
    return bytes;
}

} // namespace

std::size_t Value::approximateBytes() const
{
    return sizeof(Value) + nodeBytes(*this);
}

std::size_t Value::bytesNotSharedWith(const Value& base) const
{
    return unsharedBytes(*this, base);
}

} // namespace eventscope::json
