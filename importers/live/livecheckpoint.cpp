#include "livecheckpoint.h"

#include <QDateTime>

namespace eventscope::importers::live {

std::optional<qint64> LiveCheckpoint::load(sqlite::Database& workspace, const QString& sourceUrl)
{
    auto q = workspace.prepare("SELECT last_position FROM live_sources WHERE url = ?");
    q.bind(1, sourceUrl);
    if (!q.step())
        return std::nullopt;
    return q.int64(0);
}

void LiveCheckpoint::save(sqlite::Database& workspace, const QString& sourceUrl, qint64 position)
{
    auto q = workspace.prepare("INSERT INTO live_sources(url, last_position, updated_us) VALUES(?, ?, ?) "
                               "ON CONFLICT(url) DO UPDATE SET last_position = excluded.last_position, "
                               "updated_us = excluded.updated_us");
    q.bind(1, sourceUrl).bind(2, position).bind(3, QDateTime::currentMSecsSinceEpoch() * 1000);
    q.exec();
}

} // namespace eventscope::importers::live
