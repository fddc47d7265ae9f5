#pragma once

#include "event.h"

#include <QByteArray>

namespace eventscope::compensation {

// The generic reversal of an event, for types no rule covers: type `<Type>Reversed`, the same
// fields with every number negated (in nested objects and arrays too; strings, booleans and nulls
// kept), and metadata {"reverses": id}. A projection handles it by applying the original type's
// handler to the negated amounts.
QString reversedType(const QString& type);
QByteArray reversedData(const QByteArray& data);
QByteArray reversalMetadata(const Event& event);

} // namespace eventscope::compensation
