#include "builtinprojection.h"

namespace eventscope::replay {
namespace {

std::string_view utf8View(const QByteArray& text)
{
    return {text.constData(), std::size_t(text.size())};
}

bool opensObject(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t\n\r");
    return first != std::string_view::npos && text[first] == '{';
}

} // namespace

void BuiltinProjection::fold(json::Value& state, const Event& event)
{
    if (!state.isObject())
        state = json::Value::object();
    if (!event.data.isEmpty()) {
        const std::string_view text = utf8View(event.data);
        if (opensObject(text)) {
            // Straight from the text: building the payload's Values first would only be thrown away.
            json::deepMergeText(state, text); // false (not JSON): ignored, as below
        } else if (auto data = json::parse(text)) {
            if (data->isObject())
                json::deepMerge(state, *data);
            else
                state.insert("$value", std::move(*data));
        }
    }
    state.insert("$version", event.streamVersion);
    state.insert("$lastType", event.type);
    state.insert("$lastPosition", event.position);
    json::Value& count = state.member("$counts").member(event.type.toStdString());
    count = json::Value(count.toDouble() + 1);
}

void BuiltinProjection::reset()
{
    m_streams = json::Value::object();
}

qsizetype BuiltinProjection::apply(std::span<const Event> events, const AfterEvent& after)
{
    qsizetype folded = 0;
    for (const Event& event : events) {
        fold(m_streams.member(event.stream.toStdString()), event);
        ++folded;
        if (after && !after(event, event.stream, true))
            break;
    }
    return folded;
}

ProjectionState BuiltinProjection::capture()
{
    return {json::Value(), m_streams};
}

void BuiltinProjection::restore(const ProjectionState& state)
{
    m_streams = state.partitions.isObject() ? state.partitions : json::Value::object();
}

json::Value BuiltinProjection::partition(const QString& key)
{
    if (const json::Value* state = m_streams.find(key.toStdString()))
        return *state;
    return {};
}

json::Value BuiltinProjection::foldPartition(const QString& key, std::span<const Event> events)
{
    Q_UNUSED(key);
    json::Value state;
    for (const Event& event : events)
        fold(state, event);
    return state;
}

} // namespace eventscope::replay
