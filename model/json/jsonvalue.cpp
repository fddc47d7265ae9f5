#include "jsonvalue.h"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>

namespace eventscope::json {

// Payloads live in nodes derived from this empty base; the owning Value's type says which one. A
// Value of type String, Array or Object whose node is null is the empty string, array or object:
// empty containers cost no allocation, and a moved-from Value stays valid.
struct Value::Node
{
    struct String;
    struct Array;
    struct Object;
};

namespace {

// A vector whose first buffer can sit in the same allocation as the node that owns it (see
// makeNode()): parsing a payload then costs one allocation per array or object instead of two.
// Growing past that buffer moves the elements to the heap, as std::vector would.
template <typename T> class Elements
{
public:
    Elements() = default;
    Elements(T* buffer, std::size_t capacity)
        : m_data(buffer), m_capacity(static_cast<std::uint32_t>(capacity))
    {}
    Elements(const Elements&) = delete;
    Elements& operator=(const Elements&) = delete;
    ~Elements()
    {
        std::destroy_n(m_data, m_size);
        if (m_onHeap)
            ::operator delete(m_data);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t capacity() const { return m_capacity; }
    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }
    T& operator[](std::size_t i) { return m_data[i]; }
    const T& operator[](std::size_t i) const { return m_data[i]; }
    T& back() { return m_data[m_size - 1]; }

    template <typename... Args> T& emplace_back(Args&&... args)
    {
        if (m_size == m_capacity)
            reallocate(std::max<std::size_t>(4, std::size_t(m_capacity) * 2));
        T* slot = std::construct_at(m_data + m_size, std::forward<Args>(args)...);
        ++m_size;
        return *slot;
    }

    void resize(std::size_t n)
    {
        if (n > m_capacity)
            reallocate(std::max<std::size_t>(n, std::size_t(m_capacity) * 2));
        while (m_size < n)
            std::construct_at(m_data + m_size++);
        while (m_size > n)
            std::destroy_at(m_data + --m_size);
    }

    void erase(std::size_t position)
    {
        std::move(m_data + position + 1, m_data + m_size, m_data + position);
        std::destroy_at(m_data + --m_size);
    }

private:
    void reallocate(std::size_t capacity)
    {
        T* data = static_cast<T*>(::operator new(capacity * sizeof(T)));
        std::uninitialized_move_n(m_data, m_size, data);
        std::destroy_n(m_data, m_size);
        if (m_onHeap)
            ::operator delete(m_data);
        m_data = data;
        m_capacity = static_cast<std::uint32_t>(capacity);
        m_onHeap = true;
    }

    T* m_data = nullptr;
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = 0;
    bool m_onHeap = false;
};

// An allocator for std::allocate_shared that asks for `extra` more bytes than the control block
// and node need, and says where they start: the node's first element buffer. The control block
// keeps a copy of the allocator, so it frees the same size it allocated.
template <typename T> struct TrailingAllocator
{
    using value_type = T;
    static constexpr std::size_t kAlignment = alignof(std::max_align_t);

    TrailingAllocator(std::size_t extraBytes, void** trailingOut) : extra(extraBytes), trailing(trailingOut)
    {}
    template <typename U>
    TrailingAllocator(const TrailingAllocator<U>& other) : extra(other.extra), trailing(other.trailing)
    {}

    static std::size_t headBytes(std::size_t n)
    {
        return (n * sizeof(T) + kAlignment - 1) / kAlignment * kAlignment;
    }

    T* allocate(std::size_t n)
    {
        char* block = static_cast<char*>(::operator new(headBytes(n) + extra));
        *trailing = block + headBytes(n);
        return static_cast<T*>(static_cast<void*>(block));
    }
    void deallocate(T* p, std::size_t n) { ::operator delete(static_cast<void*>(p), headBytes(n) + extra); }

    template <typename U> bool operator==(const TrailingAllocator<U>& other) const
    {
        return extra == other.extra;
    }

    std::size_t extra;
    void** trailing;
};

} // namespace

// The bytes follow the node in the same allocation (see makeNode()), whatever their length.
struct Value::Node::String : Value::Node
{
    using Element = char;
    String(void* const* buffer, std::size_t /*capacity: s.size()*/, std::string_view s)
        : m_data(static_cast<char*>(*buffer)), m_size(s.size())
    {
        std::memcpy(m_data, s.data(), s.size());
    }
    String(const String&) = delete;
    String& operator=(const String&) = delete;

    std::string_view text() const { return std::string_view(m_data, m_size); }

private:
    char* m_data;
    std::size_t m_size;
};

struct Value::Node::Array : Value::Node
{
    using Element = Value;
    Array() = default;
    Array(void* const* buffer, std::size_t capacity) : items(static_cast<Value*>(*buffer), capacity) {}
    Elements<Value> items;
};

// Members in insertion order. Small objects are searched linearly (faster than hashing a handful of
// short keys); past kIndexThreshold members an open-addressing index of positions keeps lookups
// O(1). The index is only ever built or changed by the thread that owns the node (use_count 1),
// never by a const lookup, so concurrent readers need no locking.
struct Value::Node::Object : Value::Node
{
    struct Member
    {
        Member(std::string_view name, Value&& v) : key(name), value(std::move(v)) {}
        std::string key;
        Value value;
    };
    struct Slot
    {
        std::uint32_t position = 0; // member position + 1; 0 marks an empty slot
        std::uint32_t hash = 0;
    };
    using Element = Member;
    static constexpr std::size_t kIndexThreshold = 16;
    static constexpr std::size_t npos = std::size_t(-1);

    Object() = default;
    Object(void* const* buffer, std::size_t capacity) : members(static_cast<Member*>(*buffer), capacity) {}

    Elements<Member> members;
    std::vector<Slot> index; // empty, or a power-of-two table at most half full

    static std::uint32_t hashKey(std::string_view key)
    {
        const std::size_t h = std::hash<std::string_view>{}(key);
        return static_cast<std::uint32_t>(h ^ (h >> 32));
    }

    std::size_t find(std::string_view key) const
    {
        if (index.empty()) {
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (members[i].key == key)
                    return i;
            }
            return npos;
        }
        const std::uint32_t h = hashKey(key);
        const std::size_t mask = index.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot slot = index[i];
            if (slot.position == 0)
                return npos;
            if (slot.hash == h && members[slot.position - 1].key == key)
                return slot.position - 1;
        }
    }

    void placeSlot(std::size_t position, std::uint32_t h)
    {
        const std::size_t mask = index.size() - 1;
        std::size_t i = h & mask;
        while (index[i].position != 0)
            i = (i + 1) & mask;
        index[i] = Slot{static_cast<std::uint32_t>(position + 1), h};
    }

    void rebuildIndex()
    {
        const std::size_t capacity = std::max<std::size_t>(64, std::bit_ceil(members.size() * 2));
        index.assign(capacity, Slot{});
        for (std::size_t i = 0; i < members.size(); ++i)
            placeSlot(i, hashKey(members[i].key));
    }

    // Appends a member whose key is known to be absent.
    Value& appendNew(std::string_view key, Value value)
    {
        members.emplace_back(key, std::move(value));
        if (!index.empty()) {
            if (members.size() * 2 > index.size())
                rebuildIndex();
            else
                placeSlot(members.size() - 1, hashKey(members.back().key));
        } else if (members.size() > kIndexThreshold) {
            rebuildIndex();
        }
        return members.back().value;
    }

    // Replaces the member's value in place, keeping its position, or appends it.
    void set(std::string_view key, Value value)
    {
        const std::size_t at = find(key);
        if (at == npos)
            appendNew(key, std::move(value));
        else
            members[at].value = std::move(value);
    }

    void eraseAt(std::size_t position)
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
};

struct ValueDetail
{
    using StringNode = Value::Node::String;
    using ArrayNode = Value::Node::Array;
    using ObjectNode = Value::Node::Object;
    using Member = ObjectNode::Member;
    using Type = Value::Type;

    static const StringNode* stringOf(const Value& v)
    {
        return v.m_type == Type::String ? static_cast<const StringNode*>(v.m_node.get()) : nullptr;
    }
    static const ArrayNode* arrayOf(const Value& v)
    {
        return v.m_type == Type::Array ? static_cast<const ArrayNode*>(v.m_node.get()) : nullptr;
    }
    static const ObjectNode* objectOf(const Value& v)
    {
        return v.m_type == Type::Object ? static_cast<const ObjectNode*>(v.m_node.get()) : nullptr;
    }

    // A node with room for `capacity` elements in the same allocation.
    template <typename NodeType, typename... Args>
    static std::shared_ptr<NodeType> makeNode(std::size_t capacity, Args&&... args)
    {
        using Element = typename NodeType::Element;
        static_assert(alignof(Element) <= alignof(std::max_align_t));
        void* buffer = nullptr; // set by the allocator before the node is constructed
        return std::allocate_shared<NodeType>(
            TrailingAllocator<NodeType>(capacity * sizeof(Element), &buffer), &buffer, capacity,
            std::forward<Args>(args)...);
    }

    // A copy of a node for a Value about to change it: its children are shared, not copied. Some
    // room to grow, since a change is coming.
    static std::shared_ptr<ArrayNode> clone(const ArrayNode& from)
    {
        auto node = makeNode<ArrayNode>(from.items.size() + from.items.size() / 4 + 2);
        for (const Value& item : from.items)
            node->items.emplace_back(item);
        return node;
    }
    static std::shared_ptr<ObjectNode> clone(const ObjectNode& from)
    {
        auto node = makeNode<ObjectNode>(from.members.size() + from.members.size() / 4 + 2);
        for (const Member& member : from.members)
            node->members.emplace_back(member);
        node->index = from.index;
        return node;
    }

    // Makes `v` (of the node's type) the only owner of its node, copying a shared node: the copy
    // shares all children, so only this level is duplicated.
    template <typename NodeType> static NodeType& own(Value& v)
    {
        if (!v.m_node) {
            v.m_node = makeNode<NodeType>(4);
        } else if (v.m_node.use_count() != 1) {
            v.m_node = clone(*static_cast<const NodeType*>(v.m_node.get()));
        } else {
            // Pairs with the release in another thread's final decrement of the count, so its
            // reads of the node happen before our writes. (ThreadSanitizer does not model fences,
            // and GCC refuses them there.)
#ifndef __SANITIZE_THREAD__
            std::atomic_thread_fence(std::memory_order_acquire);
#endif
        }
        return *static_cast<NodeType*>(v.m_node.get());
    }
    static ObjectNode& ownObject(Value& v)
    {
        if (v.m_type != Type::Object)
            v = Value::object();
        return own<ObjectNode>(v);
    }
    static ArrayNode& ownArray(Value& v)
    {
        if (v.m_type != Type::Array)
            v = Value::array();
        return own<ArrayNode>(v);
    }

    static Value makeString(std::string_view s)
    {
        Value v;
        v.m_type = Type::String;
        if (!s.empty())
            v.m_node = makeNode<StringNode>(s.size(), s);
        return v;
    }
    template <typename NodeType> static Value makeContainer(Type type, std::shared_ptr<NodeType> node)
    {
        Value v;
        v.m_type = type;
        v.m_node = std::move(node);
        return v;
    }

    // ---- parsing

    static Value internedString(std::string_view s);
    static Value fromDom(simdjson::dom::element element);
    class TextParser;

    // ---- deepMerge

    static bool hasNullMember(const Value& object);
    static Value withoutNulls(const Value& patch);
    static bool mergeChanges(const Value& into, const Value& patch);
    static void mergeInto(Value& into, const Value& patch);

    // ---- memory

    static std::size_t nodeBytes(const Value& v);
    static std::size_t ownBytes(const Value& v);
    static std::size_t unsharedBytes(const Value& v, const Value& base);
};

namespace {

const Value& nullValue()
{
    static const Value null;
    return null;
}

// The length of the valid UTF-8 sequence starting at s[0] (a byte >= 0x80), or 0.
std::size_t validUtf8Length(const unsigned char* s, std::size_t left)
{
    const unsigned char c = s[0];
    std::size_t n;
    unsigned cp;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

} // namespace

// ---------------------------------------------------------------------------------------------------
// Value

Value::Value(bool b) : m_type(Type::Bool), m_bool(b) {}
Value::Value(double d) : m_type(Type::Number), m_number(d) {}
Value::Value(int i) : m_type(Type::Number), m_number(i) {}
Value::Value(qint64 i) : m_type(Type::Number), m_number(static_cast<double>(i)) {}
Value::Value(std::string_view s) : Value(ValueDetail::makeString(s)) {}
Value::Value(const char* s) : Value(ValueDetail::makeString(std::string_view(s ? s : ""))) {}
Value::Value(const std::string& s) : Value(ValueDetail::makeString(std::string_view(s))) {}
Value::Value(const QString& s)
{
    const QByteArray utf8 = s.toUtf8();
    *this = ValueDetail::makeString(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

Value Value::array()
{
    Value v;
    v.m_type = Type::Array;
    return v;
}

Value Value::object()
{
    Value v;
    v.m_type = Type::Object;
    return v;
}

bool Value::toBool() const
{
    return m_type == Type::Bool && m_bool;
}

double Value::toDouble(double fallback) const
{
    return m_type == Type::Number ? m_number : fallback;
}

std::string_view Value::toStringView() const
{
    const auto* node = ValueDetail::stringOf(*this);
    return node ? node->text() : std::string_view();
}

QString Value::toQString() const
{
    const std::string_view s = toStringView();
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::size_t Value::size() const
{
    if (const auto* a = ValueDetail::arrayOf(*this))
        return a->items.size();
    if (const auto* o = ValueDetail::objectOf(*this))
        return o->members.size();
    return 0;
}

const Value& Value::at(std::size_t index) const
{
    const auto* a = ValueDetail::arrayOf(*this);
    return a && index < a->items.size() ? a->items[index] : nullValue();
}

Value& Value::elementAt(std::size_t index)
{
    auto& items = ValueDetail::ownArray(*this).items;
    if (index >= items.size())
        items.resize(index + 1);
    return items[index];
}

void Value::append(Value v)
{
    ValueDetail::ownArray(*this).items.emplace_back(std::move(v));
}

const Value* Value::find(std::string_view key) const
{
    const auto* o = ValueDetail::objectOf(*this);
    if (!o)
        return nullptr;
    const std::size_t at = o->find(key);
    return at == ValueDetail::ObjectNode::npos ? nullptr : &o->members[at].value;
}

const Value& Value::operator[](std::string_view key) const
{
    const Value* v = find(key);
    return v ? *v : nullValue();
}

Value& Value::member(std::string_view key)
{
    auto& o = ValueDetail::ownObject(*this);
    const std::size_t at = o.find(key);
    return at == ValueDetail::ObjectNode::npos ? o.appendNew(key, Value()) : o.members[at].value;
}

void Value::insert(std::string_view key, Value v)
{
    ValueDetail::ownObject(*this).set(key, std::move(v));
}

bool Value::remove(std::string_view key)
{
    // Look before detaching: removing a missing key must not copy a shared node.
    const auto* o = ValueDetail::objectOf(*this);
    if (!o)
        return false;
    const std::size_t at = o->find(key);
    if (at == ValueDetail::ObjectNode::npos)
        return false;
    ValueDetail::own<ValueDetail::ObjectNode>(*this).eraseAt(at);
    return true;
}

std::string_view Value::keyAt(std::size_t i) const
{
    const auto* o = ValueDetail::objectOf(*this);
    return o && i < o->members.size() ? std::string_view(o->members[i].key) : std::string_view();
}

const Value& Value::valueAt(std::size_t i) const
{
    const auto* o = ValueDetail::objectOf(*this);
    return o && i < o->members.size() ? o->members[i].value : nullValue();
}

bool Value::operator==(const Value& other) const
{
    if (sharesWith(other))
        return true;
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
    case Type::Bool:
    case Type::Number:
        return false; // sharesWith compared them
    case Type::String:
        return toStringView() == other.toStringView();
    case Type::Array: {
        const std::size_t n = size();
        if (n != other.size())
            return false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!(at(i) == other.at(i)))
                return false;
        }
        return true;
    }
    case Type::Object: {
        const std::size_t n = size();
        if (n != other.size())
            return false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view key = keyAt(i);
            // Same order is the common case and needs no lookup.
            const Value* theirs = other.keyAt(i) == key ? &other.valueAt(i) : other.find(key);
            if (!theirs || !(valueAt(i) == *theirs))
                return false;
        }
        return true;
    }
    }
    return false;
}

bool Value::sharesWith(const Value& other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::Number:
        return m_number == other.m_number;
    case Type::String:
    case Type::Array:
    case Type::Object:
        return m_node == other.m_node;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------
// Memory accounting

namespace {

// Before each node: the control block's counts and vtable pointer, and the allocator it keeps.
constexpr std::size_t kControlBlockBytes = 16 + sizeof(TrailingAllocator<char>);
const std::size_t kInlineStringCapacity = std::string().capacity();

std::size_t stringHeapBytes(const std::string& s)
{
    return s.capacity() > kInlineStringCapacity ? s.capacity() + 1 : 0;
}

} // namespace

// The bytes of `v`'s own node, not counting its children's nodes.
std::size_t ValueDetail::ownBytes(const Value& v)
{
    if (!v.m_node)
        return 0;
    switch (v.m_type) {
    case Type::String:
        return kControlBlockBytes + sizeof(StringNode) + stringOf(v)->text().size();
    case Type::Array:
        return kControlBlockBytes + sizeof(ArrayNode) + arrayOf(v)->items.capacity() * sizeof(Value);
    case Type::Object: {
        const ObjectNode* o = objectOf(v);
        std::size_t bytes = kControlBlockBytes + sizeof(ObjectNode) + o->members.capacity() * sizeof(Member) +
                            o->index.capacity() * sizeof(ObjectNode::Slot);
        for (const Member& m : o->members)
            bytes += stringHeapBytes(m.key);
        return bytes;
    }
    default:
        return 0;
    }
}

std::size_t ValueDetail::nodeBytes(const Value& v)
{
    std::size_t bytes = ownBytes(v);
    if (const ArrayNode* a = arrayOf(v)) {
        for (const Value& item : a->items)
            bytes += nodeBytes(item);
    } else if (const ObjectNode* o = objectOf(v)) {
        for (const Member& m : o->members)
            bytes += nodeBytes(m.value);
    }
    return bytes;
}

std::size_t ValueDetail::unsharedBytes(const Value& v, const Value& base)
{
    if (v.sharesWith(base))
        return 0;
    if (v.m_type != base.m_type)
        return nodeBytes(v);
    std::size_t bytes = ownBytes(v);
    if (const ArrayNode* a = arrayOf(v)) {
        for (std::size_t i = 0; i < a->items.size(); ++i)
            bytes += unsharedBytes(a->items[i], base.at(i));
    } else if (const ObjectNode* o = objectOf(v)) {
        for (std::size_t i = 0; i < o->members.size(); ++i) {
            const Member& m = o->members[i];
            const Value* before = base.keyAt(i) == m.key ? &base.valueAt(i) : base.find(m.key);
            bytes += before ? unsharedBytes(m.value, *before) : nodeBytes(m.value);
        }
    }
    return bytes;
}

std::size_t Value::approximateBytes() const
{
    return sizeof(Value) + ValueDetail::nodeBytes(*this);
}

std::size_t Value::bytesNotSharedWith(const Value& base) const
{
    return ValueDetail::unsharedBytes(*this, base);
}

// ---------------------------------------------------------------------------------------------------
// Parsing

namespace {

// A quick hash of 1..32 bytes, from three (possibly overlapping) 8-byte words or the few bytes
// there are: good enough to spread a cache's slots, where a collision only costs an allocation.
std::uint64_t shortStringHash(std::string_view s)
{
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::uint64_t c = 0;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
        std::memcpy(&c, p + n / 2 - 4, 8);
    } else if (n >= 4) {
        std::uint32_t x;
        std::uint32_t y;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        a = x;
        b = y;
    } else {
        a = static_cast<unsigned char>(p[0]) | std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8 |
            std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ std::rotl(b * 0xC2B2AE3D27D4EB4Full, 29) ^
                      (c * 0x165667B19E3779F9ull) ^ n;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 29);
}

} // namespace

// Event payloads repeat the same short strings (states, tiers, skus, customer ids) over and over.
// Strings are immutable once made, so parse() hands out one node per recently seen string from a
// small per-thread cache instead of allocating each: fewer allocations, less memory in states, and
// equal strings share, so diff() skips them without comparing.
Value ValueDetail::internedString(std::string_view s)
{
    static constexpr std::size_t kMaxLength = 32;
    static constexpr std::size_t kSlots = 1024;
    if (s.empty() || s.size() > kMaxLength)
        return makeString(s);
    thread_local std::vector<std::shared_ptr<Value::Node>> cache(kSlots);
    std::shared_ptr<Value::Node>& slot = cache[shortStringHash(s) & (kSlots - 1)];
    if (!slot || static_cast<const StringNode*>(slot.get())->text() != s)
        slot = makeNode<StringNode>(s.size(), s);
    Value v;
    v.m_type = Type::String;
    v.m_node = slot;
    return v;
}

Value ValueDetail::fromDom(simdjson::dom::element element)
{
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::ARRAY: {
        const simdjson::dom::array array = element.get_array().value_unsafe();
        const std::size_t n = array.size();
        if (n == 0)
            return Value::array();
        auto node = makeNode<ArrayNode>(n);
        for (simdjson::dom::element item : array)
            node->items.emplace_back(fromDom(item));
        return makeContainer(Type::Array, std::move(node));
    }
    case element_type::OBJECT: {
        const simdjson::dom::object object = element.get_object().value_unsafe();
        const std::size_t n = object.size();
        if (n == 0)
            return Value::object();
        auto node = makeNode<ObjectNode>(n);
        // A repeated key keeps its first place and takes the last value, as JSON.parse does. Keys
        // are almost never repeated, so a 64-bit filter on length and end bytes spares small objects
        // the search; larger ones have their index by then.
        std::uint64_t seen = 0;
        for (const simdjson::dom::key_value_pair field : object) {
            const std::string_view key = field.key;
            const unsigned mix = unsigned(key.size()) * 7 +
                                 (key.empty() ? 0u
                                              : unsigned(static_cast<unsigned char>(key.front())) +
                                                    unsigned(static_cast<unsigned char>(key.back())) * 3);
            const std::uint64_t bit = std::uint64_t(1) << (mix & 63);
            if ((seen & bit) || node->members.size() >= ObjectNode::kIndexThreshold) {
                node->set(key, fromDom(field.value));
            } else {
                seen |= bit;
                node->appendNew(key, fromDom(field.value));
            }
        }
        return makeContainer(Type::Object, std::move(node));
    }
    case element_type::INT64:
        return Value(static_cast<double>(element.get_int64().value_unsafe()));
    case element_type::UINT64:
        return Value(static_cast<double>(element.get_uint64().value_unsafe()));
    case element_type::DOUBLE:
        return Value(element.get_double().value_unsafe());
    case element_type::STRING:
        return internedString(element.get_string().value_unsafe());
    case element_type::BOOL:
        return Value(element.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
        return Value();
    }
    return Value();
}

// A plain recursive-descent parser for what simdjson leaves to us: it says where an error is (simdjson
// only says what), and it reads numbers beyond the 64-bit range, which JSON allows and simdjson
// rejects. Only used after simdjson failed, so it favours clarity over speed.
class ValueDetail::TextParser
{
public:
    explicit TextParser(std::string_view text) : m_text(text) {}

    std::optional<Value> run(QString* error)
    {
        Value root;
        skipSpace();
        if (parseValue(root, 0)) {
            skipSpace();
            if (m_pos == m_text.size())
                return root;
            fail("unexpected text after the JSON value");
        }
        if (error)
            *error = QLatin1String(m_message) + QStringLiteral(" at offset ") + QString::number(m_offset);
        return std::nullopt;
    }

private:
    static constexpr int kMaxDepth = 1024; // as simdjson

    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return atEnd() ? 0 : static_cast<unsigned char>(m_text[m_pos]); }

    bool fail(const char* message) { return failAt(message, m_pos); }
    bool failAt(const char* message, std::size_t offset)
    {
        // Running out of text is what went wrong, whatever was expected there.
        m_message = atEnd() && offset == m_pos ? "unexpected end of input" : message;
        m_offset = offset;
        return false;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool parseValue(Value& out, int depth)
    {
        switch (peek()) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            std::string s;
            if (!parseString(s))
                return false;
            out = makeString(s);
            return true;
        }
        case 't':
            return parseLiteral("true", Value(true), out);
        case 'f':
            return parseLiteral("false", Value(false), out);
        case 'n':
            return parseLiteral("null", Value(), out);
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parseNumber(out);
            return fail("expected a JSON value");
        }
    }

    bool parseLiteral(std::string_view word, Value value, Value& out)
    {
        for (const char c : word) {
            if (peek() != static_cast<unsigned char>(c))
                return fail("invalid literal (expected true, false or null)");
            ++m_pos;
        }
        out = std::move(value);
        return true;
    }

    bool parseObject(Value& out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep (more than 1024 levels)");
        ++m_pos; // '{'
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            out = Value::object();
            return true;
        }
        auto node = std::make_shared<ObjectNode>();
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail("expected a member name in double quotes");
            std::string key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("expected ':'");
            ++m_pos;
            skipSpace();
            Value value;
            if (!parseValue(value, depth))
                return false;
            node->set(key, std::move(value));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            return fail("expected ',' or '}'");
        }
        out = makeContainer(Type::Object, std::move(node));
        return true;
    }

    bool parseArray(Value& out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep (more than 1024 levels)");
        ++m_pos; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            out = Value::array();
            return true;
        }
        auto node = std::make_shared<ArrayNode>();
        for (;;) {
            skipSpace();
            Value value;
            if (!parseValue(value, depth))
                return false;
            node->items.emplace_back(std::move(value));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                break;
            }
            return fail("expected ',' or ']'");
        }
        out = makeContainer(Type::Array, std::move(node));
        return true;
    }

    bool parseHex4(unsigned& out)
    {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = peek();
            unsigned digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return fail("expected four hex digits after \\u");
            out = out * 16 + digit;
            ++m_pos;
        }
        return true;
    }

    static void appendUtf8(std::string& out, unsigned cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string& out)
    {
        const std::size_t start = m_pos;
        ++m_pos; // '"'
        for (;;) {
            if (atEnd())
                return failAt("unterminated string", start);
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail("control character in a string (must be escaped)");
            if (c >= 0x80) {
                const std::size_t n = validUtf8Length(
                    reinterpret_cast<const unsigned char*>(m_text.data()) + m_pos, m_text.size() - m_pos);
                if (n == 0)
                    return fail("invalid UTF-8 in a string");
                out.append(m_text.substr(m_pos, n));
                m_pos += n;
                continue;
            }
            if (c != '\\') {
                out += static_cast<char>(c);
                ++m_pos;
                continue;
            }
            const std::size_t escape = m_pos;
            ++m_pos;
            switch (peek()) {
            case '"':
            case '\\':
            case '/':
                out += static_cast<char>(peek());
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                ++m_pos;
                unsigned cp;
                if (!parseHex4(cp))
                    return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return failAt("unpaired surrogate in a \\u escape", escape);
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned low = 0;
                    if (peek() != '\\' || m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != 'u')
                        return failAt("unpaired surrogate in a \\u escape", escape);
                    m_pos += 2;
                    if (!parseHex4(low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return failAt("unpaired surrogate in a \\u escape", escape);
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, cp);
                continue; // m_pos is past the escape already
            }
            default:
                return fail("invalid escape in a string");
            }
            ++m_pos;
        }
    }

    bool parseNumber(Value& out)
    {
        const std::size_t start = m_pos;
        auto digits = [this] {
            std::size_t n = 0;
            while (peek() >= '0' && peek() <= '9')
                ++m_pos, ++n;
            return n;
        };
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return fail("invalid number (expected a digit)");
        }
        if (peek() == '.') {
            ++m_pos;
            if (digits() == 0)
                return fail("invalid number (expected a digit after '.')");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (digits() == 0)
                return fail("invalid number (expected a digit in the exponent)");
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        double d = 0;
        const auto [ptr, ec] = std::from_chars(first, last, d);
        if (ec == std::errc::result_out_of_range)
            d = outOfRange(std::string_view(first, std::size_t(last - first)));
        else if (ec != std::errc() || ptr != last)
            return failAt("invalid number", start);
        out = Value(d);
        return true;
    }

    // JSON allows any magnitude; like JavaScript, too large becomes an infinity and too small zero.
    static double outOfRange(std::string_view number)
    {
        const bool negative = number.front() == '-';
        long exponent = 0; // decimal exponent of the first significant digit
        bool seenPoint = false;
        bool significant = false;
        long position = 0; // digits before the point, minus leading zeros after it
        std::size_t i = negative ? 1 : 0;
        for (; i < number.size() && number[i] != 'e' && number[i] != 'E'; ++i) {
            const char c = number[i];
            if (c == '.') {
                seenPoint = true;
                continue;
            }
            if (!significant && c == '0') {
                if (seenPoint)
                    --position;
                continue;
            }
            if (!significant) {
                significant = true;
                if (!seenPoint)
                    position = 0;
            }
            if (!seenPoint)
                ++position;
        }
        if (!significant)
            return negative ? -0.0 : 0.0;
        if (i < number.size()) {
            const char* first = number.data() + i + 1;
            const bool negativeExponent = *first == '-';
            if (*first == '+' || *first == '-')
                ++first;
            long e = 0;
            if (std::from_chars(first, number.data() + number.size(), e).ec != std::errc())
                e = std::numeric_limits<long>::max() / 2; // absurdly many digits: the sign decides
            exponent = negativeExponent ? -e : e;
        }
        const bool huge = position + exponent > 0;
        const double magnitude = huge ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -magnitude : magnitude;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const char* m_message = "";
    std::size_t m_offset = 0;
};

std::optional<Value> parse(std::string_view text, QString* error)
{
    // One parser per thread: it keeps its buffers between calls, which is what makes small
    // documents cheap. A large document gets a parser of its own, so that no thread keeps buffers
    // of its size for good.
    static constexpr std::size_t kLargeDocument = std::size_t(1) << 20;
    thread_local simdjson::dom::parser cachedParser;
    std::optional<simdjson::dom::parser> largeParser;
    simdjson::dom::parser& parser = text.size() <= kLargeDocument ? cachedParser : largeParser.emplace();
    simdjson::dom::element root;
    const simdjson::error_code code = parser.parse(text.data(), text.size()).get(root);
    if (code == simdjson::SUCCESS)
        return ValueDetail::fromDom(root);
    if (code == simdjson::MEMALLOC || code == simdjson::CAPACITY) {
        if (error)
            *error = QString::fromUtf8(simdjson::error_message(code)) + QStringLiteral(" at offset 0");
        return std::nullopt;
    }
    return ValueDetail::TextParser(text).run(error);
}

// ---------------------------------------------------------------------------------------------------
// Serialising

namespace {

void appendNumber(std::string& out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buffer[64];
    std::to_chars_result result;
    // Integral values print as integers below 1e21 (as JavaScript does); beyond that the exponent
    // form is shorter and just as exact.
    if (d == std::trunc(d) && std::fabs(d) < 9.0e18)
        result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(d));
    else if (d == std::trunc(d) && std::fabs(d) < 1e21)
        result = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
    else
        result = std::to_chars(buffer, buffer + sizeof buffer, d);
    out.append(buffer, result.ptr);
}

void appendString(std::string& out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t length = validUtf8Length(s + i, n - i);
            if (length != 0) {
                i += length;
                continue;
            }
        }
        out.append(text.data() + run, i - run);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
                out.append(escape, sizeof escape);
            } else {
                // Invalid UTF-8 (a Value built from arbitrary bytes): U+FFFD keeps the output valid JSON.
                out += "\xEF\xBF\xBD";
            }
        }
        ++i;
        run = i;
    }
    out.append(text.data() + run, n - run);
    out += '"';
}

class Writer
{
public:
    Writer(std::string& out, bool indented) : m_out(out), m_indented(indented) {}

    void write(const Value& v, int depth)
    {
        switch (v.type()) {
        case Value::Type::Null:
            m_out += "null";
            break;
        case Value::Type::Bool:
            m_out += v.toBool() ? "true" : "false";
            break;
        case Value::Type::Number:
            appendNumber(m_out, v.toDouble());
            break;
        case Value::Type::String:
            appendString(m_out, v.toStringView());
            break;
        case Value::Type::Array: {
            const std::size_t n = v.size();
            if (n == 0) {
                m_out += "[]";
                break;
            }
            m_out += '[';
            for (std::size_t i = 0; i < n; ++i) {
                if (i)
                    m_out += ',';
                newline(depth + 1);
                write(v.at(i), depth + 1);
            }
            newline(depth);
            m_out += ']';
            break;
        }
        case Value::Type::Object: {
            const std::size_t n = v.size();
            if (n == 0) {
                m_out += "{}";
                break;
            }
            m_out += '{';
            for (std::size_t i = 0; i < n; ++i) {
                if (i)
                    m_out += ',';
                newline(depth + 1);
                appendString(m_out, v.keyAt(i));
                m_out += m_indented ? ": " : ":";
                write(v.valueAt(i), depth + 1);
            }
            newline(depth);
            m_out += '}';
            break;
        }
        }
    }

private:
    void newline(int depth)
    {
        if (!m_indented)
            return;
        m_out += '\n';
        m_out.append(std::size_t(depth) * 2, ' ');
    }

    std::string& m_out;
    bool m_indented;
};

} // namespace

void appendJson(std::string& out, const Value& value, Format format)
{
    Writer(out, format == Format::Indented).write(value, 0);
}

QByteArray toJson(const Value& value, Format format)
{
    std::string out;
    appendJson(out, value, format);
    return QByteArray(out.data(), qsizetype(out.size()));
}

// ---------------------------------------------------------------------------------------------------
// deepMerge

bool ValueDetail::hasNullMember(const Value& object)
{
    const ObjectNode* o = objectOf(object);
    if (!o)
        return false;
    for (const Member& m : o->members) {
        if (m.value.isNull() || (m.value.isObject() && hasNullMember(m.value)))
            return true;
    }
    return false;
}

// What `patch` becomes where `into` has nothing to merge with: itself (shared), except that an
// object's null members delete nothing and so must not appear.
Value ValueDetail::withoutNulls(const Value& patch)
{
    if (!patch.isObject() || !hasNullMember(patch))
        return patch;
    Value cleaned = Value::object();
    mergeInto(cleaned, patch);
    return cleaned;
}

// Whether merging `patch` into `into` (both objects) would change anything: asked before detaching a
// shared node, so that a patch repeating what is already there copies nothing.
bool ValueDetail::mergeChanges(const Value& into, const Value& patch)
{
    const ObjectNode* p = objectOf(patch);
    if (!p)
        return false;
    const ObjectNode* o = objectOf(into);
    for (const Member& m : p->members) {
        const std::size_t at = o ? o->find(m.key) : ObjectNode::npos;
        if (at == ObjectNode::npos) {
            if (!m.value.isNull())
                return true;
            continue;
        }
        const Value& current = o->members[at].value;
        if (m.value.isNull())
            return true;
        if (m.value.isObject() && current.isObject()) {
            if (mergeChanges(current, m.value))
                return true;
        } else if (!(current == m.value)) {
            return true;
        }
    }
    return false;
}

void ValueDetail::mergeInto(Value& into, const Value& patch)
{
    const ObjectNode* p = objectOf(patch);
    if (!p || p->members.empty())
        return;
    if (into.m_node && into.m_node.use_count() != 1 && !mergeChanges(into, patch))
        return;
    ObjectNode& o = own<ObjectNode>(into);
    for (const Member& m : p->members) {
        const std::size_t at = o.find(m.key);
        if (m.value.isNull()) {
            if (at != ObjectNode::npos)
                o.eraseAt(at);
        } else if (at == ObjectNode::npos) {
            o.appendNew(m.key, withoutNulls(m.value));
        } else {
            Value& current = o.members[at].value;
            if (m.value.isObject() && current.isObject())
                mergeInto(current, m.value);
            else
                current = withoutNulls(m.value);
        }
    }
}

void deepMerge(Value& into, const Value& patch)
{
    if (!patch.isObject()) {
        into = patch;
        return;
    }
    // Holds the patch's nodes: it may be part of `into`, which the merge is about to change.
    const Value held = patch;
    if (!into.isObject())
        into = ValueDetail::withoutNulls(held);
    else
        ValueDetail::mergeInto(into, held);
}

} // namespace eventscope::json
