#pragma once

#include "filterast.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace eventscope::filter::detail {

// The field a name stands for (exact, lowercase), or nullopt.
std::optional<Field> fieldNamed(const QString& name);
QString fieldName(Field field);
// Every field name, in the order the user reads them in help and messages.
QStringList fieldNames();

// What an unknown name was probably meant to be: a field spelt nearly the same, or one a user of
// another tool would reach for (eventType, timestamp, payload). Empty when nothing is close.
QString suggestField(const QString& unknown);

} // namespace eventscope::filter::detail
