// The Value core: construction, accessors, copy-on-write detaching and equality.

#include "jsonvaluedetail.h"

#include <atomic>

namespace eventscope::json {

namespace {

using detail::Access;
using ArrayNode = Access::ArrayNode;
using ObjectNode = Access::ObjectNode;

const Value& nullValue()
{
    static const Value null;
    return null;
}

// A copy of a node for a Value about to change it: its children are shared, not copied. Some room
// to grow, since a change is coming.
std::shared_ptr<ArrayNode> clone(const ArrayNode& from)
{
    auto node = detail::makeNode<ArrayNode>(from.items.size() + from.items.size() / 4 + 2);
    for (const Value& item : from.items)
        node->items.emplace_back(item);
    return node;
}

std::shared_ptr<ObjectNode> clone(const ObjectNode& from)
{
    auto node = detail::makeNode<ObjectNode>(from.members.size() + from.members.size() / 4 + 2);
    for (const Access::Member& member : from.members)
        node->members.emplace_back(member);
    node->index = from.index;
    return node;
}

} // namespace

namespace detail {

Value Access::makeString(std::string_view s)
{
    return withNode(Value::Type::String, s.empty() ? nullptr : makeNode<StringNode>(s.size(), s));
}

template <typename NodeType> NodeType& Access::own(Value& v)
{
    if (!v.m_node) {
        v.m_node = makeNode<NodeType>(4);
    } else if (v.m_node.use_count() != 1) {
        v.m_node = clone(*static_cast<const NodeType*>(v.m_node.get()));
    } else {
        // Pairs with the release in another thread's final decrement of the count, so its reads of
        // the node happen before our writes. (ThreadSanitizer does not model fences, and GCC
        // refuses them there.)
#ifndef __SANITIZE_THREAD__
        std::atomic_thread_fence(std::memory_order_acquire);
#endif
    }
    return *static_cast<NodeType*>(v.m_node.get());
}

Access::ArrayNode& Access::ownArray(Value& v)
{
    if (v.m_type != Value::Type::Array)
        v = Value::array();
    return own<ArrayNode>(v);
}

Access::ObjectNode& Access::ownObject(Value& v)
{
    if (v.m_type != Value::Type::Object)
        v = Value::object();
    return own<ObjectNode>(v);
}

} // namespace detail

Value::Value(bool b) : m_type(Type::Bool), m_bool(b) {}
Value::Value(double d) : m_type(Type::Number), m_number(d) {}
Value::Value(int i) : m_type(Type::Number), m_number(i) {}
Value::Value(qint64 i) : m_type(Type::Number), m_number(static_cast<double>(i)) {}
Value::Value(std::string_view s) : Value(Access::makeString(s)) {}
Value::Value(const char* s) : Value(Access::makeString(std::string_view(s ? s : ""))) {}
Value::Value(const std::string& s) : Value(Access::makeString(std::string_view(s))) {}
Value::Value(const QString& s)
{
    const QByteArray utf8 = s.toUtf8();
    *this = Access::makeString(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

Value Value::array()
{
    return Access::withNode(Type::Array, nullptr);
}

Value Value::object()
{
    return Access::withNode(Type::Object, nullptr);
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
    const auto* node = Access::stringOf(*this);
    return node ? node->text() : std::string_view();
}

QString Value::toQString() const
{
    const std::string_view s = toStringView();
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::size_t Value::size() const
{
    if (const auto* a = Access::arrayOf(*this))
        return a->items.size();
    if (const auto* o = Access::objectOf(*this))
        return o->members.size();
    return 0;
}

const Value& Value::at(std::size_t index) const
{
    const auto* a = Access::arrayOf(*this);
    return a && index < a->items.size() ? a->items[index] : nullValue();
}

Value& Value::elementAt(std::size_t index)
{
    auto& items = Access::ownArray(*this).items;
    if (index >= items.size())
        items.resize(index + 1);
    return items[index];
}

void Value::append(Value v)
{
    Access::ownArray(*this).items.emplace_back(std::move(v));
}

const Value* Value::find(std::string_view key) const
{
    const auto* o = Access::objectOf(*this);
    if (!o)
        return nullptr;
    const std::size_t at = o->find(key);
    return at == ObjectNode::npos ? nullptr : &o->members[at].value;
}

const Value& Value::operator[](std::string_view key) const
{
    const Value* v = find(key);
    return v ? *v : nullValue();
}

Value& Value::member(std::string_view key)
{
    auto& o = Access::ownObject(*this);
    const std::size_t at = o.find(key);
    return at == ObjectNode::npos ? o.appendNew(key, Value()) : o.members[at].value;
}

void Value::insert(std::string_view key, Value v)
{
    Access::ownObject(*this).set(key, std::move(v));
}

bool Value::remove(std::string_view key)
{
    // Look before detaching: removing a missing key must not copy a shared node.
    const auto* o = Access::objectOf(*this);
    if (!o)
        return false;
    const std::size_t at = o->find(key);
    if (at == ObjectNode::npos)
        return false;
    Access::ownObject(*this).eraseAt(at);
    return true;
}

std::string_view Value::keyAt(std::size_t i) const
{
    const auto* o = Access::objectOf(*this);
    return o && i < o->members.size() ? std::string_view(o->members[i].key) : std::string_view();
}

const Value& Value::valueAt(std::size_t i) const
{
    const auto* o = Access::objectOf(*this);
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

} // namespace eventscope::json
