// deepMerge(), and deepMergeText(), which merges straight from simdjson's DOM of the patch.

#include "jsondom.h"
#include "jsonvaluedetail.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace eventscope::json {

namespace {

using detail::Access;
using ObjectNode = Access::ObjectNode;
using Member = Access::Member;

void mergeInto(Value& into, const Value& patch);

bool hasNullMember(const Value& object)
{
    const ObjectNode* o = Access::objectOf(object);
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
Value withoutNulls(const Value& patch)
{
    if (!patch.isObject() || !hasNullMember(patch))
        return patch;
    Value cleaned = Value::object();
    mergeInto(cleaned, patch);
    return cleaned;
}

// Whether merging `patch` into `into` (both objects) would change anything: asked before detaching a
// shared node, so that a patch repeating what is already there copies nothing.
bool mergeChanges(const Value& into, const Value& patch)
{
    const ObjectNode* p = Access::objectOf(patch);
    if (!p)
        return false;
    const ObjectNode* o = Access::objectOf(into);
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

void mergeInto(Value& into, const Value& patch)
{
    const ObjectNode* p = Access::objectOf(patch);
    if (!p || p->members.empty())
        return;
    if (Access::isShared(into) && !mergeChanges(into, patch))
        return;
    ObjectNode& o = Access::ownObject(into);
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

// ---- deepMergeText(): merging from the DOM gives what the functions above give with the Value
// parse() would make of it, without making the parts of it that only get merged and dropped.

using simdjson::dom::element;
using simdjson::dom::element_type;

// The number fromDom() makes of a numeric element.
double domNumber(element e)
{
    switch (e.type()) {
    case element_type::INT64:
        return static_cast<double>(e.get_int64().value_unsafe());
    case element_type::UINT64:
        return static_cast<double>(e.get_uint64().value_unsafe());
    default:
        return e.get_double().value_unsafe();
    }
}

// Whether the object's keys all differ, as they almost always do. parse() resolves a repeated key
// (first place, last value) before merging, so an object with one is merged through fromDom().
bool keysDistinct(simdjson::dom::object object)
{
    if (object.size() > ObjectNode::kIndexThreshold) {
        std::vector<std::string_view> keys;
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.push_back(it.key());
        std::sort(keys.begin(), keys.end());
        return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
    }
    std::uint64_t seen = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string_view key = it.key();
        const std::uint64_t bit = detail::keyFilterBit(key);
        if (seen & bit) {
            for (auto earlier = object.begin(); earlier != it; ++earlier) {
                if (earlier.key() == key)
                    return false;
            }
        }
        seen |= bit;
    }
    return true;
}

// The member's position, looked up first at `hint`: patches tend to name members in the order the
// state has them, and a direct hit needs no search.
std::size_t findNear(const ObjectNode& o, std::string_view key, std::size_t hint)
{
    return hint < o.members.size() && o.members[hint].key == key ? hint : o.find(key);
}

enum class Equality
{
    AsOperator, // as Value::operator== has it
    Indistinct, // also alike in the sign of zeros, which operator== does not tell apart
};

// Whether `v` equals fromDom(e). Indistinct answers false for an object with a repeated key: its
// callers only lose a shortcut by that.
bool equalsDom(const Value& v, element e, Equality equality)
{
    switch (e.type()) {
    case element_type::ARRAY: {
        if (!v.isArray())
            return false;
        const simdjson::dom::array array = e.get_array().value_unsafe();
        std::size_t i = 0;
        for (const element item : array) {
            if (i >= v.size() || !equalsDom(v.at(i), item, equality))
                return false;
            ++i;
        }
        return i == v.size();
    }
    case element_type::OBJECT: {
        if (!v.isObject())
            return false;
        const simdjson::dom::object object = e.get_object().value_unsafe();
        if (!keysDistinct(object))
            return equality == Equality::AsOperator && v == detail::fromDom(e);
        // Distinct keys, each found with an equal value, and as many as `v` has: a one-to-one match.
        std::size_t n = 0;
        for (const simdjson::dom::key_value_pair field : object) {
            const Value* mine = v.find(field.key);
            if (!mine || !equalsDom(*mine, field.value, equality))
                return false;
            ++n;
        }
        return n == v.size();
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: {
        const double d = domNumber(e);
        return v.isNumber() && v.toDouble() == d &&
               (equality == Equality::AsOperator || std::signbit(v.toDouble()) == std::signbit(d));
    }
    case element_type::STRING:
        return v.isString() && v.toStringView() == e.get_string().value_unsafe();
    case element_type::BOOL:
        return v.isBool() && v.toBool() == e.get_bool().value_unsafe();
    case element_type::NULL_VALUE:
        return v.isNull();
    }
    return false;
}

// Makes `target` what fromDom(e) makes. Nodes that `target` alone owns are reused, so that
// replacing an array of small objects by one of the same shape, the usual case, allocates nothing;
// a shared node is kept when it is equal already, and so stays shared with the snapshot holding it.
void assignDom(Value& target, element e)
{
    if (Access::isShared(target)) {
        if (!equalsDom(target, e, Equality::Indistinct))
            target = detail::fromDom(e);
        return;
    }
    switch (e.type()) {
    case element_type::ARRAY: {
        const simdjson::dom::array array = e.get_array().value_unsafe();
        const std::size_t n = array.size();
        if (n == 0 || n == 0xFFFFFF /* saturated: the count is not known */ || !Access::arrayOf(target)) {
            target = detail::fromDom(e);
            return;
        }
        auto& items = Access::ownArray(target).items;
        items.resize(n);
        std::size_t i = 0;
        for (const element item : array)
            assignDom(items[i++], item);
        return;
    }
    case element_type::OBJECT: {
        const simdjson::dom::object object = e.get_object().value_unsafe();
        const ObjectNode* o = Access::objectOf(target);
        // Only the values change when the keys are the same, in the same order.
        std::size_t n = 0;
        for (auto it = object.begin(); o && it != object.end(); ++it, ++n) {
            if (n == o->members.size() || o->members[n].key != it.key())
                o = nullptr;
        }
        if (!o || n != o->members.size()) {
            target = detail::fromDom(e);
            return;
        }
        auto& members = Access::ownObject(target).members;
        n = 0;
        for (auto it = object.begin(); it != object.end(); ++it)
            assignDom(members[n++].value, it.value());
        return;
    }
    case element_type::STRING:
        if (!(target.isString() && target.toStringView() == e.get_string().value_unsafe()))
            target = detail::fromDom(e);
        return;
    default:
        target = detail::fromDom(e);
    }
}

void mergeObjectDom(Value& into, element patch);

// `patch`'s keys are distinct.
bool mergeChangesDom(const Value& into, simdjson::dom::object patch)
{
    const ObjectNode* o = Access::objectOf(into);
    std::size_t hint = 0;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const element value = it.value();
        const std::size_t at = o ? findNear(*o, it.key(), hint) : ObjectNode::npos;
        const bool deletes = value.is_null();
        if (at == ObjectNode::npos) {
            if (!deletes)
                return true;
            continue;
        }
        hint = at + 1;
        const Value& current = o->members[at].value;
        if (deletes)
            return true;
        if (value.is_object() && current.isObject()) {
            const simdjson::dom::object nested = value.get_object().value_unsafe();
            if (keysDistinct(nested) ? mergeChangesDom(current, nested)
                                     : mergeChanges(current, detail::fromDom(value)))
                return true;
        } else if (!equalsDom(current, value, Equality::AsOperator)) {
            return true;
        }
    }
    return false;
}

// `into` is an object and `patch`'s keys are distinct.
void mergeDom(Value& into, simdjson::dom::object patch)
{
    if (patch.size() == 0)
        return;
    if (Access::isShared(into) && !mergeChangesDom(into, patch))
        return;
    ObjectNode& o = Access::ownObject(into);
    std::size_t hint = 0;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const std::string_view key = it.key();
        const element value = it.value();
        const std::size_t at = findNear(o, key, hint);
        if (value.is_null()) {
            if (at != ObjectNode::npos) {
                o.eraseAt(at);
                hint = at;
            }
        } else if (at == ObjectNode::npos) {
            o.appendNew(key, withoutNulls(detail::fromDom(value)));
            hint = o.members.size();
        } else {
            hint = at + 1;
            Value& current = o.members[at].value;
            if (!value.is_object())
                assignDom(current, value);
            else if (current.isObject())
                mergeObjectDom(current, value);
            else
                current = withoutNulls(detail::fromDom(value));
        }
    }
}

// `into` is an object and `patch` an object element.
void mergeObjectDom(Value& into, element patch)
{
    const simdjson::dom::object object = patch.get_object().value_unsafe();
    if (keysDistinct(object))
        mergeDom(into, object);
    else
        mergeInto(into, detail::fromDom(patch));
}

} // namespace

void deepMerge(Value& into, const Value& patch)
{
    if (!patch.isObject()) {
        into = patch;
        return;
    }
    // Holds the patch's nodes: it may be part of `into`, which the merge is about to change.
    const Value held = patch;
    if (!into.isObject())
        into = withoutNulls(held);
    else
        mergeInto(into, held);
}

bool deepMergeText(Value& into, std::string_view patchText)
{
    std::optional<simdjson::dom::parser> largeParser;
    element root;
    const simdjson::error_code code = detail::parseDom(patchText, largeParser, root);
    if (code != simdjson::SUCCESS) {
        // Rare, and not always an error (simdjson rejects numbers beyond 64 bits): parse() decides.
        std::optional<Value> patch = detail::parseRejected(patchText, code, nullptr);
        if (!patch)
            return false;
        deepMerge(into, *patch);
        return true;
    }
    if (!root.is_object() || !into.isObject())
        into = withoutNulls(detail::fromDom(root));
    else
        mergeObjectDom(into, root);
    return true;
}

} // namespace eventscope::json
