#include "projection.h"

namespace eventscope::replay {

QString ProjectionError::toString() const
{
    QString text;
    if (!script.isEmpty()) {
        text += script;
        if (line > 0)
            text += QLatin1Char(':') + QString::number(line);
        text += QStringLiteral(": ");
    }
    text += message;
    if (position > 0)
        text += QStringLiteral(" (event at position %1)").arg(position);
    return text;
}

bool ProjectionSource::accepts(const QString& stream) const
{
    switch (kind) {
    case Kind::All:
    case Kind::Matching:
        return true;
    case Kind::Streams:
        return streams.contains(stream);
    case Kind::Category:
        return categoryOf(stream) == category;
    }
    return true;
}

} // namespace eventscope::replay
