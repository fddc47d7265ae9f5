#include "livesources.h"

#include "jetstreamsource.h"
#include "liveerror.h"
#include "pglivesource.h"
#include "sqlitelivesource.h"

namespace eventscope::importers::live {

std::unique_ptr<LiveSource> createLiveSource(const QString& url)
{
    QString error;
    const auto parsed = SourceUrl::parse(url, &error);
    if (!parsed)
        throw LiveError(error);
    return createLiveSource(*parsed);
}

std::unique_ptr<LiveSource> createLiveSource(const SourceUrl& url)
{
    // SourceUrl::parse refuses every scheme without a source here.
    if (url.scheme == QLatin1String("postgresql"))
        return std::make_unique<PgLiveSource>(url);
    if (url.scheme == QLatin1String("nats"))
        return std::make_unique<JetStreamSource>(url);
    if (url.scheme != QLatin1String("sqlite"))
        throw LiveError(QStringLiteral("%1:// sources are not supported by this build yet").arg(url.scheme));
    return std::make_unique<SqliteLiveSource>(url);
}

} // namespace eventscope::importers::live
