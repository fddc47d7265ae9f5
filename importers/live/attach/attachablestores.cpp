#include "attachablestores.h"

#include "attachedstore.h"
#include "guardedstore.h"
#include "liveerror.h"
#include "workspace.h"

namespace eventscope::importers::live {
namespace {

std::unique_ptr<EventStore> openPostgreSql(const QString& text, Workspace& workspace)
{
    QString problem;
    const std::optional<SourceUrl> url = SourceUrl::parse(text, &problem);
    if (!url)
        throw WorkspaceError(
            QStringLiteral("%1: the attached store's URL: %2").arg(workspace.path(), problem));
    if (url->scheme != QLatin1String("postgresql"))
        throw WorkspaceError(QStringLiteral("%1: only PostgreSQL stores can be attached").arg(text));
    if (!url->parameter(QStringLiteral("category")).isEmpty())
        throw WorkspaceError(QStringLiteral("%1: an attached store is read whole; category= is for following "
                                            "(eventscope-cli follow)")
                                 .arg(text));
    try {
        return std::make_unique<GuardedStore>(std::make_unique<PgEventStore>(*url, &workspace));
    } catch (const LiveError& error) {
        throw WorkspaceError(error.message());
    }
}

} // namespace

void registerAttachableStores()
{
    registerAttachedStoreOpener(QStringLiteral("postgresql"), openPostgreSql);
    registerAttachedStoreOpener(QStringLiteral("postgres"), openPostgreSql);
}

} // namespace eventscope::importers::live
