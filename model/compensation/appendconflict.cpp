#include "appendconflict.h"

namespace eventscope::compensation {
namespace {

QString versionText(qint64 version)
{
    return version < 0 ? QStringLiteral("no event") : QStringLiteral("version %1").arg(version);
}

std::string describe(const std::vector<VersionConflict>& conflicts)
{
    QStringList lines;
    for (const VersionConflict& c : conflicts)
        lines << c.message();
    return QStringLiteral("wrong expected version, nothing was written: %1")
        .arg(lines.join(QStringLiteral("; ")))
        .toStdString();
}

} // namespace

QString VersionConflict::message() const
{
    if (betweenDrafts)
        return QStringLiteral("%1: drafts of it expect both %2 and %3 (drafted against different states of "
                              "the stream; rebase them)")
            .arg(stream, versionText(actual), versionText(expected));
    return QStringLiteral("%1: the drafts expect %2, the stream has %3")
        .arg(stream, versionText(expected), versionText(actual));
}

AppendConflictError::AppendConflictError(std::vector<VersionConflict> conflicts)
    : std::runtime_error(describe(conflicts)), m_conflicts(std::move(conflicts))
{}

} // namespace eventscope::compensation
