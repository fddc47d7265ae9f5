#pragma once

#include "sqlite/database.h"

#include <QString>

#include <stdexcept>
#include <vector>

namespace eventscope {

// A clear, user-facing reason why a workspace cannot be opened or written.
class WorkspaceError : public std::runtime_error
{
public:
    explicit WorkspaceError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromUtf8(what()); }
};

// Provenance of one import, as kept in the workspace.
struct ImportRecord
{
    qint64 id = 0;
    QString path;
    QString label; // what Event::source shows for its events (the file name)
    QString format;
    qint64 sizeBytes = 0;
    QString sha256;
    qint64 importedAtUs = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    qint64 duplicates = 0;
    QString note; // e.g. which field mapping was applied
};

// One investigation: a SQLite file (*.eventscope) in WAL mode, its schema versioned with
// PRAGMA user_version and migrated forward on open. A file written by a newer Eventscope is refused
// and left untouched.
class Workspace
{
public:
    static constexpr int schemaVersion = 7;
    static constexpr int applicationId = 0x45567363; // "EVsc"

    enum class OpenMode
    {
        CreateIfMissing,
        ExistingOnly,
        ReadOnly
    };

    explicit Workspace(const QString& path, OpenMode mode = OpenMode::CreateIfMissing);

    QString path() const { return m_path; }
    sqlite::Database& database() { return m_db; }

    std::vector<ImportRecord> imports();
    std::optional<ImportRecord> importWithSha256(const QString& sha256);

private:
    void migrate(int fromVersion);

    QString m_path;
    sqlite::Database m_db;
};

} // namespace eventscope
