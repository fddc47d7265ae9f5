#pragma once

#include "event.h"

#include <QString>

#include <memory>
#include <optional>

namespace eventscope::filter {

namespace detail {
struct Node;
}

// Where and why a filter failed to compile, for underlining it in the editor.
struct FilterError
{
    int start = 0;  // UTF-16 index into the source
    int length = 0; // 0 at the end of the source ("expected a value")
    QString message;

    int column() const { return start + 1; }
    // "column 12: unknown field typ (did you mean type?)"
    QString toString() const;
};

// A filter over the event envelope and payload, as typed in the filter bar:
//
//   type == "OrderPlaced" && data.total > 100 && stream ~ "^order-" && time >= "2025-03-01"
//
// Fields: position, time, stream, category, type, version, id, causation, correlation, and
// payload paths data.<path> and metadata.<path> (data.lines[0].sku, data["unit-price"]).
// Operators: == != < <= > >= ~ !~ (regular expressions, unanchored), in [..] and !in / not in,
// exists, ! && || (also not, and, or), parentheses. Literals: "text" or 'text', numbers,
// true, false, null, and times: an ISO date or time in UTC, quoted or not.
//
// Every comparison is checked against the field's type when compiling, so that a filter that
// cannot mean anything (time > "yesterday", position ~ "1") is an error rather than an empty
// result. Payload comparisons hold only for a value of the literal's type (data.total > 100 is
// false for a string total or a missing one); == null holds for a missing member too, and
// != is always the negation of ==.
//
// The same tree is evaluated two ways that must agree: in memory on an Event (matches()), and as
// SQL over the workspace's events table (filtersql.h). Compiled filters are immutable and cheap to
// copy; one may be used from several threads.
class Filter
{
public:
    // nullopt with `error` set when the source is not a filter. An empty source is an error too:
    // "no filter" is the caller's business.
    static std::optional<Filter> compile(const QString& source, FilterError* error = nullptr);

    QString source() const { return m_source; }
    bool matches(const Event& event) const;
    // Whether matching needs the payload (data or metadata) at all.
    bool readsPayload() const;

    const detail::Node& root() const { return *m_root; }

private:
    Filter(QString source, std::shared_ptr<const detail::Node> root);

    QString m_source;
    std::shared_ptr<const detail::Node> m_root;
};

} // namespace eventscope::filter
