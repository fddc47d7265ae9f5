#pragma once

// The JSON library's internals, shared by its files and not meant for any other: the nodes a Value's
// payload lives in, and detail::Access, the one way in to a Value's node.

#include "jsonvalue.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

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

namespace detail {

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

// A node with room for `capacity` elements in the same allocation.
template <typename NodeType, typename... Args>
std::shared_ptr<NodeType> makeNode(std::size_t capacity, Args&&... args)
{
    using Element = typename NodeType::Element;
    static_assert(alignof(Element) <= alignof(std::max_align_t));
    void* buffer = nullptr; // set by the allocator before the node is constructed
    return std::allocate_shared<NodeType>(TrailingAllocator<NodeType>(capacity * sizeof(Element), &buffer),
                                          &buffer, capacity, std::forward<Args>(args)...);
}

// The length of the valid UTF-8 sequence starting at s[0] (a byte >= 0x80), or 0.
inline std::size_t validUtf8Length(const unsigned char* s, std::size_t left)
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

} // namespace detail

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
    detail::Elements<Value> items;
};

// Members in insertion order. Small objects are searched linearly (faster than hashing a handful of
// short keys); past kIndexThreshold members an open-addressing index of positions keeps lookups
// O(1) (jsonobject.cpp). The index is only ever built or changed by the thread that owns the node
// (use_count 1), never by a const lookup, so concurrent readers need no locking.
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

    detail::Elements<Member> members;
    std::vector<Slot> index; // empty, or a power-of-two table at most half full

    static std::uint32_t hashKey(std::string_view key)
    {
        const std::size_t h = std::hash<std::string_view>{}(key);
        return static_cast<std::uint32_t>(h ^ (h >> 32));
    }

    // Inline, as is appendNew(): merging looks up every member of every patch.
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

    // Appends a member whose key is known to be absent.
    Value& appendNew(std::string_view key, Value value)
    {
        members.emplace_back(key, std::move(value));
        if (!index.empty() || members.size() > kIndexThreshold)
            indexAppended();
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

    void eraseAt(std::size_t position);

private:
    void indexAppended();
    void placeSlot(std::size_t position, std::uint32_t h);
    void rebuildIndex();
};

namespace detail {

// What the library's files may do with a Value's node that its public interface does not offer.
struct Access
{
    using Node = Value::Node;
    using StringNode = Value::Node::String;
    using ArrayNode = Value::Node::Array;
    using ObjectNode = Value::Node::Object;
    using Member = ObjectNode::Member;

    // The node, or null for another type or an empty string, array or object.
    static const StringNode* stringOf(const Value& v)
    {
        return v.m_type == Value::Type::String ? static_cast<const StringNode*>(v.m_node.get()) : nullptr;
    }
    static const ArrayNode* arrayOf(const Value& v)
    {
        return v.m_type == Value::Type::Array ? static_cast<const ArrayNode*>(v.m_node.get()) : nullptr;
    }
    static const ObjectNode* objectOf(const Value& v)
    {
        return v.m_type == Value::Type::Object ? static_cast<const ObjectNode*>(v.m_node.get()) : nullptr;
    }

    // Whether changing `v` in place would copy its node first.
    static bool isShared(const Value& v) { return v.m_node && v.m_node.use_count() != 1; }

    // A string, array or object value holding `node` (which may be null: empty).
    static Value withNode(Value::Type type, std::shared_ptr<Node> node)
    {
        Value v;
        v.m_type = type;
        v.m_node = std::move(node);
        return v;
    }
    static Value makeString(std::string_view s);

    // Makes `v` the only owner of its node, turning it into an empty array or object first if it
    // is not one: the node is then `v`'s to change. Copying a shared node shares all its children,
    // so only this level is duplicated.
    static ArrayNode& ownArray(Value& v);
    static ObjectNode& ownObject(Value& v);

private:
    template <typename NodeType> static NodeType& own(Value& v);
};

} // namespace detail

} // namespace eventscope::json
