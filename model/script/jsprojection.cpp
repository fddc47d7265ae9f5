#include "jsprojection.h"

#include "jsvalueconvert.h"
#include "scripthost.h"

#include <QJSEngine>

namespace eventscope::script {
namespace {

const QString folding = QStringLiteral("folding");
const QString capturing = QStringLiteral("capturing the state");
const QString presenting = QStringLiteral("presenting the state");
const QString initialising = QStringLiteral("initialising");

} // namespace

JsProjection::JsProjection(std::shared_ptr<ScriptProgram> program)
    : m_program(std::move(program)),
      m_partitioned(m_program->definition().partitioning != replay::Partitioning::None),
      m_byStream(m_program->definition().partitioning == replay::Partitioning::ByStream),
      m_filtersSource(m_program->definition().source.kind == replay::ProjectionSource::Kind::Streams ||
                      m_program->definition().source.kind == replay::ProjectionSource::Kind::Category),
      m_host(std::make_unique<ScriptHost>(
          [this](int which, const QString& key) { return restoredState(which, key); }))
{
    const QStringList& types = m_program->definition().handledTypes;
    for (int i = 0; i < types.size(); ++i)
        m_handlers.insert(types[i], i);
    QJSEngine& engine = m_program->engine();
    // Ours to delete, whatever the engine's garbage collector thinks of a parentless QObject.
    QJSEngine::setObjectOwnership(m_host.get(), QJSEngine::CppOwnership);
    const ScriptProgram::Runtime& rt = m_program->runtime();
    m_store = m_program->call(rt.createStore, {engine.newQObject(m_host.get())}, initialising);
    m_scratch = m_program->call(rt.createStore, {QJSValue(QJSValue::NullValue)}, initialising);
}

JsProjection::~JsProjection() = default;

int JsProjection::handlerOf(const Event& event) const
{
    const ScriptDefinition& definition = m_program->definition();
    const int handler = m_handlers.value(event.type, definition.handlesAny ? -1 : noHandler);
    if (handler == noHandler || (m_filtersSource && !definition.source.accepts(event.stream)))
        return noHandler;
    return handler;
}

int JsProjection::streamSlot(const QString& stream)
{
    const auto found = m_streamSlots.constFind(stream);
    if (found != m_streamSlots.cend())
        return *found;
    const auto slot = int(m_streamKeys.size());
    m_streamSlots.insert(stream, slot);
    m_streamKeys.append(stream);
    return slot;
}

void JsProjection::write(std::span<const Event> events, EventBatch& batch, std::vector<qsizetype>& sent)
{
    batch.clear();
    sent.clear();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const int handler = handlerOf(events[i]);
        if (handler == noHandler)
            continue;
        batch.append(events[i], m_byStream ? streamSlot(events[i].stream) : -1, handler);
        sent.push_back(qsizetype(i));
    }
}

QString JsProjection::keyOf(const QJSValue& slotOrKey) const
{
    if (slotOrKey.isNumber())
        return m_streamKeys.value(slotOrKey.toInt());
    return slotOrKey.toString();
}

void JsProjection::reset()
{
    m_partitions = json::Value::object();
    m_global = json::Value();
    m_shared = json::Value();
    m_keys.clear();
    m_restoredLookups = 0;
    m_program->call(m_program->runtime().reset, {m_store}, initialising);
}

replay::ProjectionError JsProjection::at(replay::ProjectionError error, const QJSValue& store,
                                         const std::vector<qsizetype>& sent, std::span<const Event> events)
{
    const qsizetype cursor = store.property(QStringLiteral("cursor")).toInt();
    if (cursor >= 0 && std::size_t(cursor) < sent.size())
        error.position = events[std::size_t(sent[std::size_t(cursor)])].position;
    return error;
}

qsizetype JsProjection::apply(std::span<const Event> events, const replay::AfterEvent& after)
{
    write(events, m_batch, m_sent);
    const ScriptProgram::Runtime& rt = m_program->runtime();
    QJSEngine& engine = m_program->engine();
    if (!after) {
        if (m_batch.count() > 0) {
            try {
                m_program->call(
                    rt.fold,
                    {m_store, m_batch.text(), engine.toScriptValue(m_batch.numbers()), int(m_batch.count())},
                    folding);
            } catch (const replay::ProjectionError& error) {
                throw at(error, m_store, m_sent, events);
            }
        }
        return qsizetype(events.size());
    }
    // Step mode: back to C++ after every event, so that `after` sees the state it left. The sent
    // indices are copied: `after` may call foldPartition(), which has a batch of its own, but also
    // apply() would be a misuse.
    const std::vector<qsizetype> sent = m_sent;
    if (!sent.empty())
        m_program->call(rt.begin, {m_store, m_batch.text(), engine.toScriptValue(m_batch.numbers())},
                        folding);
    std::size_t next = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        QString key;
        bool changed = false;
        if (next < sent.size() && std::size_t(sent[next]) == i) {
            ++next;
            QJSValue result;
            try {
                result = m_program->call(rt.step, {m_store}, folding);
            } catch (replay::ProjectionError& error) {
                error.position = events[i].position;
                throw;
            }
            if (!result.isNull()) {
                changed = true;
                key = keyOf(result);
            }
        }
        if (!after(events[i], key, changed)) {
            m_program->call(rt.end, {m_store}, folding);
            return qsizetype(i + 1);
        }
    }
    if (!sent.empty())
        m_program->call(rt.end, {m_store}, folding);
    return qsizetype(events.size());
}

json::Value JsProjection::first(const QJSValue& wrapped, const QString& activity) const
{
    if (wrapped.isNull())
        return {};
    return m_program->guarded(activity, [&] { return fromJs(m_program->engine(), wrapped.property(0)); });
}

void JsProjection::sync()
{
    const QJSValue changed = m_program->call(m_program->runtime().exportDirty, {m_store}, capturing);
    if (changed.isNull())
        return;
    // [hasGlobal, global, hasShared, shared, [slot, key, ...], slot, state, slot, state, ...]
    m_program->guarded(capturing, [&] {
        if (changed.property(0).toBool())
            m_global = fromJs(m_program->engine(), changed.property(1));
        if (changed.property(2).toBool())
            m_shared = fromJs(m_program->engine(), changed.property(3));
        const QJSValue newKeys = changed.property(4);
        const quint32 keys = newKeys.property(QStringLiteral("length")).toUInt();
        for (quint32 i = 0; i + 1 < keys; i += 2) {
            const qsizetype slot = newKeys.property(i).toInt();
            if (m_keys.size() <= slot)
                m_keys.resize(slot + 1);
            m_keys[slot] = newKeys.property(i + 1).toString();
        }
        const quint32 length = changed.property(QStringLiteral("length")).toUInt();
        for (quint32 i = 5; i + 1 < length; i += 2) {
            const qsizetype slot = changed.property(i).toInt();
            const QString& key = m_byStream ? m_streamKeys.at(slot) : m_keys.at(slot);
            m_partitions.insert(key.toStdString(), fromJs(m_program->engine(), changed.property(i + 1)));
        }
    });
}

replay::ProjectionState JsProjection::capture()
{
    sync();
    if (m_partitioned)
        return {m_program->definition().biState ? m_shared : json::Value(), m_partitions};
    if (!m_program->definition().biState)
        return {m_global, json::Value()};
    json::Value pair = json::Value::array();
    pair.append(m_global);
    pair.append(m_shared);
    return {pair, json::Value()};
}

void JsProjection::restore(const replay::ProjectionState& state)
{
    const bool biState = m_program->definition().biState;
    m_restoredLookups = 0;
    m_keys.clear();
    m_global = json::Value();
    m_shared = json::Value();
    if (m_partitioned) {
        m_partitions = state.partitions.isObject() ? state.partitions : json::Value::object();
        if (biState)
            m_shared = state.global;
    } else {
        m_partitions = json::Value::object();
        if (biState) {
            m_global = state.global.at(0);
            m_shared = state.global.at(1);
        } else {
            m_global = state.global;
        }
    }
    m_program->call(m_program->runtime().restore, {m_store, m_partitions.size() > 0},
                    QStringLiteral("restoring"));
}

QJSValue JsProjection::restoredState(int which, const QString& key) const
{
    ++m_restoredLookups;
    const json::Value* state = nullptr;
    if (which == 0)
        state = &m_global;
    else if (which == 1)
        state = &m_shared;
    else
        state = m_partitions.find(key.toStdString());
    return state ? toJs(m_program->engine(), *state) : QJSValue();
}

json::Value JsProjection::partition(const QString& key)
{
    if (!m_partitioned)
        return capture().global;
    const int slot = m_byStream ? m_streamSlots.value(key, -1) : -1;
    const QJSValue changed = m_program->call(m_program->runtime().exportOne, {m_store, slot, key}, capturing);
    if (!changed.isNull()) {
        json::Value state = first(changed, capturing);
        m_partitions.insert(key.toStdString(), state);
        return state;
    }
    const json::Value* state = m_partitions.find(key.toStdString());
    return state ? *state : json::Value();
}

json::Value JsProjection::foldPartition(const QString& key, std::span<const Event> events)
{
    write(events, m_scratchBatch, m_scratchSent);
    QJSValue only(QJSValue::NullValue);
    if (m_byStream)
        only = streamSlot(key);
    else if (m_partitioned)
        only = key;
    QJSValue result;
    try {
        result = m_program->call(m_program->runtime().foldPartition,
                                 {m_scratch, only, m_scratchBatch.text(),
                                  m_program->engine().toScriptValue(m_scratchBatch.numbers()),
                                  int(m_scratchBatch.count())},
                                 folding);
    } catch (const replay::ProjectionError& error) {
        throw at(error, m_scratch, m_scratchSent, events);
    }
    return first(result, folding);
}

json::Value JsProjection::present(const json::Value& state)
{
    if (!m_program->definition().transforms)
        return state;
    // The object of partitions is the one capture() hands out: m_partitions itself, shared.
    const bool whole = m_partitioned && state.isObject() && state.sharesWith(m_partitions);
    const QJSValue presented =
        m_program->call(m_program->runtime().present, {toJs(m_program->engine(), state), whole}, presenting);
    return first(presented, presenting);
}

json::Value JsProjection::presentPartition(const json::Value& state)
{
    if (!m_program->definition().transforms)
        return state;
    const QJSValue presented =
        m_program->call(m_program->runtime().present, {toJs(m_program->engine(), state), false}, presenting);
    return first(presented, presenting);
}

} // namespace eventscope::script
