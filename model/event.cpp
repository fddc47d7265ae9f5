#include "event.h"

namespace eventscope {

QString categoryOf(const QString& stream)
{
    const auto dash = stream.indexOf(QLatin1Char('-'));
    return dash < 0 ? stream : stream.left(dash);
}

} // namespace eventscope
