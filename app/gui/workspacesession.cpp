#include "workspacesession.h"

#include "attachedstore.h"
#include "workspace.h"

#include <QFileInfo>

namespace eventscope::gui {

WorkspaceSession::WorkspaceSession(QObject* parent) : QObject(parent) {}

WorkspaceSession::~WorkspaceSession() = default;

void WorkspaceSession::open(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(absolute).isDir())
        throw WorkspaceError(QStringLiteral("%1: is a folder, not a workspace").arg(absolute));
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<EventStore> store;
    QString attachedTo;
    try {
        workspace = std::make_unique<Workspace>(absolute, Workspace::OpenMode::ExistingOnly);
        attachedTo = eventscope::attachedStoreUrl(*workspace).value_or(QString());
        store = openEventStore(*workspace);
        store->count(); // reads the events table: a damaged file fails here, not in a repaint
    } catch (const sqlite::Error& error) {
        throw WorkspaceError(QStringLiteral("%1: %2").arg(absolute, error.message()));
    }
    // The old pair moves into the locals and dies at the end of this function, after listeners
    // have switched to the new store. Locals die in reverse order: the store before its workspace.
    std::swap(m_workspace, workspace);
    std::swap(m_store, store);
    m_attachedTo = attachedTo;
    m_streamCount = -1;
    emit workspaceChanged();
}

void WorkspaceSession::close()
{
    if (!m_workspace)
        return;
    std::unique_ptr<Workspace> workspace = std::move(m_workspace);
    std::unique_ptr<EventStore> store = std::move(m_store);
    m_attachedTo.clear();
    emit workspaceChanged();
}

QString WorkspaceSession::path() const
{
    return m_workspace ? m_workspace->path() : QString();
}

QString WorkspaceSession::name() const
{
    return m_workspace ? QFileInfo(m_workspace->path()).completeBaseName() : QString();
}

EventStore* WorkspaceSession::store() const
{
    return m_store.get();
}

WorkspaceSummary WorkspaceSession::summary() const
{
    WorkspaceSummary result;
    if (!m_store)
        return result;
    result.name = name();
    result.path = path();
    result.eventCount = m_store->count();
    result.timeRange = m_store->timeRange();
    result.attachedTo = m_attachedTo;
    result.streamCount = m_attachedTo.isEmpty() ? m_store->streamCount() : m_streamCount;
    return result;
}

} // namespace eventscope::gui
