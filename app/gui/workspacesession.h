#pragma once

#include "eventstore.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace eventscope {
class Workspace;
} // namespace eventscope

namespace eventscope::gui {

// What the status bar says about an open workspace.
struct WorkspaceSummary
{
    QString name;
    QString path;
    qint64 eventCount = 0;
    std::optional<TimeRange> timeRange;
    qint64 streamCount = 0; // -1 while an attached store's streams are being counted
    QString attachedTo;     // the URL of the store read in place, empty for a workspace's own events
};

// Owns the open workspace and the store every view reads through. Opening replaces them only
// when the new file opened cleanly, so a failed open leaves the previous workspace in place.
class WorkspaceSession : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceSession(QObject* parent = nullptr);
    ~WorkspaceSession() override;

    // Throws WorkspaceError with a user-facing message; the current workspace is then kept.
    void open(const QString& path);
    void close();

    bool isOpen() const { return m_store != nullptr; }
    QString path() const;
    QString name() const;
    // nullptr when no workspace is open.
    EventStore* store() const;
    // The open workspace's connection, for what the investigation writes (bookmarks, scripts);
    // nullptr when none is open.
    Workspace* workspace() const { return m_workspace.get(); }

    // The URL of the store the workspace reads in place; empty when it holds its events.
    QString attachedStoreUrl() const { return m_attachedTo; }
    // Counts and ranges read from the store now (a live source may have added events since). An
    // attached store's streams are counted once, off the GUI thread (setStreamCount()).
    WorkspaceSummary summary() const;
    void setStreamCount(qint64 count) { m_streamCount = count; }

signals:
    // Emitted after open() or close(); the previous store is still alive during the emission and
    // destroyed right after, so listeners can move to the new one without dangling.
    void workspaceChanged();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventStore> m_store;
    QString m_attachedTo;
    qint64 m_streamCount = -1;
};

} // namespace eventscope::gui
