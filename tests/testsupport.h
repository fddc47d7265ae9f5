#pragma once

#include "event.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace eventscope::testing {

// Writes bytes to a file inside dir and returns its path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

// A canonical event for fixtures.
Event makeEvent(const QString& stream, const QString& type, qint64 timeUs, const QString& id = {});

} // namespace eventscope::testing
