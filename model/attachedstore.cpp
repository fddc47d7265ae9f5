#include "attachedstore.h"

#include "workspace.h"
#include "workspacestore.h"

#include <QDateTime>
#include <QHash>
#include <QUrl>

#include <mutex>

namespace eventscope {
namespace {

struct Openers
{
    std::mutex mutex;
    QHash<QString, AttachedStoreOpener> byScheme;
};

Openers& openers()
{
    static Openers instance;
    return instance;
}

AttachedStoreOpener openerFor(const QString& url)
{
    Openers& all = openers();
    const std::lock_guard lock(all.mutex);
    return all.byScheme.value(QUrl(url).scheme().toLower());
}

} // namespace

void registerAttachedStoreOpener(const QString& scheme, AttachedStoreOpener opener)
{
    Openers& all = openers();
    const std::lock_guard lock(all.mutex);
    all.byScheme.insert(scheme.toLower(), std::move(opener));
}

bool canAttach(const QString& url)
{
    return bool(openerFor(url));
}

std::optional<QString> attachedStoreUrl(Workspace& workspace)
{
    auto query = workspace.database().prepare("SELECT url FROM attached_store WHERE id = 1");
    if (!query.step())
        return std::nullopt;
    return query.text(0);
}

std::unique_ptr<EventStore> attachStore(Workspace& workspace, const QString& url)
{
    const AttachedStoreOpener opener = openerFor(url);
    if (!opener)
        throw WorkspaceError(
            QStringLiteral("%1: cannot attach to %2 (stores that can be attached: PostgreSQL)")
                .arg(workspace.path(), url));
    sqlite::Database& db = workspace.database();
    if (const auto current = attachedStoreUrl(workspace); current && *current != url)
        throw WorkspaceError(QStringLiteral("%1 is attached to %2 already").arg(workspace.path(), *current));
    if (db.queryInt("SELECT EXISTS(SELECT 1 FROM events)") == 1)
        throw WorkspaceError(QStringLiteral("%1 holds events of its own: attach a store to a new workspace")
                                 .arg(workspace.path()));
    std::unique_ptr<EventStore> store = opener(url, workspace); // throws when the store cannot be read
    sqlite::Transaction transaction(db);
    auto insert = db.prepare("INSERT OR IGNORE INTO attached_store(id, url, attached_us) VALUES (1, ?, ?)");
    insert.bind(1, url);
    insert.bind(2, QDateTime::currentMSecsSinceEpoch() * 1000);
    insert.exec();
    transaction.commit();
    return store;
}

std::unique_ptr<EventStore> openEventStore(Workspace& workspace)
{
    const std::optional<QString> url = attachedStoreUrl(workspace);
    if (!url)
        return std::make_unique<WorkspaceStore>(workspace);
    const AttachedStoreOpener opener = openerFor(*url);
    if (!opener)
        throw WorkspaceError(QStringLiteral("%1 is attached to %2, which this program cannot read")
                                 .arg(workspace.path(), *url));
    return opener(*url, workspace);
}

} // namespace eventscope
