#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventscope::json {

namespace detail {
struct Access;
} // namespace detail

// A JSON value with copy-on-write sharing: copying a Value is O(1) (a reference count), and a
// mutation detaches only the nodes on the path it changes. A snapshot of a projection's state is
// therefore a plain copy, and two snapshots share every subtree neither changed, which is what
// keeps snapshots cheap in time and memory and lets diff() skip shared subtrees.
//
// Strings and keys are UTF-8. Numbers are doubles, as in JavaScript. Objects keep insertion order
// (lookups stay fast on large objects). Values may be read from several threads at once; a Value
// is mutated by one thread at a time.
class Value
{
public:
    enum class Type : unsigned char
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    Value() = default; // null
    Value(std::nullptr_t) {}
    Value(bool b);
    Value(double d);
    Value(int i);
    Value(qint64 i);
    Value(std::string_view s);
    Value(const char* s);
    Value(const std::string& s);
    Value(const QString& s);

    static Value array();
    static Value object();

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool toBool() const;                        // the value if Bool, else false
    double toDouble(double fallback = 0) const; // the value if Number, else fallback
    std::string_view toStringView() const;      // the value if String, else empty
    QString toQString() const;

    // Arrays and objects: the number of elements or members; 0 for scalars.
    std::size_t size() const;

    // Arrays. at() returns a null value when out of range or not an array.
    const Value& at(std::size_t index) const;
    Value& elementAt(std::size_t index); // detaches; grows the array with nulls as needed
    void append(Value v);                // detaches; turns a non-array into an empty array first

    // Objects. find() returns nullptr when the key is missing or this is not an object.
    const Value* find(std::string_view key) const;
    const Value& operator[](std::string_view key) const; // null value when missing
    Value& member(std::string_view key);        // detaches; inserts null when missing; non-object -> {}
    void insert(std::string_view key, Value v); // detaches; replaces in place, keeping the key's order
    bool remove(std::string_view key);          // detaches; true if it was there
    // Members in insertion order, for 0 <= i < size().
    std::string_view keyAt(std::size_t i) const;
    const Value& valueAt(std::size_t i) const;

    // Deep equality; objects compare regardless of member order.
    bool operator==(const Value& other) const;

    // True when both values are the same shared node (or equal scalars): equal without looking.
    bool sharesWith(const Value& other) const;

    // Bytes this value's nodes occupy (approximate, deep).
    std::size_t approximateBytes() const;
    // Bytes of the nodes of this value that are not shared with `base` at the same place: what a
    // snapshot adds to memory when the previous snapshot was `base`.
    std::size_t bytesNotSharedWith(const Value& base) const;

private:
    struct Node;
    friend struct detail::Access; // jsonvaluedetail.h: parsing and merging build and change nodes directly
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::shared_ptr<Node> m_node; // string, array or object payload
};

// Parses JSON text. On failure returns nullopt and, when `error` is given, a message with the byte
// offset ("expected ',' or '}' at offset 17").
std::optional<Value> parse(std::string_view text, QString* error = nullptr);
inline std::optional<Value> parse(const QByteArray& text, QString* error = nullptr)
{
    return parse(std::string_view(text.constData(), std::size_t(text.size())), error);
}

enum class Format
{
    Compact,
    Indented // two spaces, one member per line, as a person reads it
};

// JSON text. Integral numbers print without a fraction ("3", not "3.0"); others print the
// shortest text that reads back to the same double; NaN and infinities print as null (as
// JSON.stringify does).
QByteArray toJson(const Value& value, Format format = Format::Compact);
void appendJson(std::string& out, const Value& value, Format format = Format::Compact);
// One string as a JSON literal, quotes included (invalid UTF-8 becomes U+FFFD): the one escaper
// every JSON writer in Eventscope uses.
void appendJsonString(std::string& out, std::string_view text);

// The built-in projection's fold: objects are merged member by member (recursively), arrays and
// scalars replace, and a null member in `patch` deletes that member from `into`. A patch that is
// not an object replaces `into` entirely.
void deepMerge(Value& into, const Value& patch);
// deepMerge(into, parse(patchText)) without building the patch: merges straight from the parsed text.
// Returns false (and leaves `into` unchanged) when the text is not valid JSON.
bool deepMergeText(Value& into, std::string_view patchText);

} // namespace eventscope::json
