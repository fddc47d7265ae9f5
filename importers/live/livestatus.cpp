#include "livestatus.h"

namespace eventscope::importers::live {

QString stateName(LiveState state)
{
    switch (state) {
    case LiveState::Connecting:
        return QStringLiteral("connecting");
    case LiveState::CatchingUp:
        return QStringLiteral("catching up");
    case LiveState::Following:
        return QStringLiteral("following");
    case LiveState::Error:
        return QStringLiteral("error");
    case LiveState::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

} // namespace eventscope::importers::live
