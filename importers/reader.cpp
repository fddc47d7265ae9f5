#include "reader.h"

namespace eventscope::importers {

QString RecordPlace::describe(const QString& file) const
{
    if (line > 0)
        return QStringLiteral("%1:%2:%3").arg(file).arg(line).arg(column);
    return QStringLiteral("%1:@%2").arg(file).arg(offset);
}

QString RecordPlace::key() const
{
    if (line > 0)
        return QStringLiteral("L%1C%2").arg(line).arg(column);
    return QStringLiteral("B%1").arg(offset);
}

} // namespace eventscope::importers
