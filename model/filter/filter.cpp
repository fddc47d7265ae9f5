#include "filter.h"

#include "filterast.h"
#include "filterevaluator.h"
#include "filterfailure.h"
#include "filterparser.h"

namespace eventscope::filter {

QString FilterError::toString() const
{
    return QStringLiteral("column %1: %2").arg(column()).arg(message);
}

Filter::Filter(QString source, std::shared_ptr<const detail::Node> root)
    : m_source(std::move(source)), m_root(std::move(root))
{}

std::optional<Filter> Filter::compile(const QString& source, FilterError* error)
{
    try {
        detail::Parser parser(source);
        auto root = std::make_shared<const detail::Node>(parser.parse());
        return Filter(source, std::move(root));
    } catch (const detail::FilterFailure& failure) {
        if (error)
            *error = FilterError{failure.start, failure.length, failure.message};
        return std::nullopt;
    }
}

bool Filter::matches(const Event& event) const
{
    detail::EventView view(event);
    return detail::evaluate(*m_root, view);
}

bool Filter::readsPayload() const
{
    return m_root->readsPayload();
}

namespace detail {

bool Node::readsPayload() const
{
    if (kind == Kind::Condition)
        return kindOf(field.field) == FieldKind::Payload;
    for (const Node& child : children) {
        if (child.readsPayload())
            return true;
    }
    return false;
}

} // namespace detail

} // namespace eventscope::filter
