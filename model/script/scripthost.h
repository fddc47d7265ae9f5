#pragma once

#include <QJSValue>
#include <QObject>
#include <QString>

#include <functional>

namespace eventscope::script {

// The one way a script engine calls back into C++: a projection's store asks for a state that a
// restored snapshot holds, the first time an event touches it (that is what makes restore() lazy).
// The prelude keeps it inside a closure; no global reaches it.
class ScriptHost : public QObject
{
    Q_OBJECT

public:
    // which: 0 the unpartitioned state, 1 the shared state, 2 the partition `key`. Returns the state,
    // or undefined when the snapshot has none.
    using Lookup = std::function<QJSValue(int which, const QString& key)>;

    explicit ScriptHost(Lookup lookup) : m_lookup(std::move(lookup)) {}

    Q_INVOKABLE QJSValue restoredState(int which, const QString& key) const { return m_lookup(which, key); }

private:
    Lookup m_lookup;
};

} // namespace eventscope::script
