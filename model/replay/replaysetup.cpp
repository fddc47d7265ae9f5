#include "replaysetup.h"

#include "builtinprojection.h"

namespace eventscope::replay {

struct ReplaySetup::Scripts
{
};

ReplaySetup::ReplaySetup(const ReplaySpec& spec) : m_scripts(std::make_unique<Scripts>())
{
    if (spec.projection.isEmpty() || spec.projection == BuiltinProjection::projectionName())
        m_projection = std::make_unique<BuiltinProjection>();
    else
        throw ProjectionError{QStringLiteral("cannot read the script"), spec.projection, 0, 0};
}

ReplaySetup::~ReplaySetup() = default;

QString ReplaySetup::projectionName() const
{
    return m_projection->name();
}

} // namespace eventscope::replay
