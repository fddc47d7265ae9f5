#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace eventscope::importers::live {

// A NATS subject pattern that names a stream id: "orders.<id>.>" takes the token in place of
// <id>; other tokens are literal, "*" matches one token and a final ">" one or more. The stream
// is "<category>-<id>", the category being given (category=) or the literal tokens before <id>
// ("orders"), so that the part before the first '-' is the category as everywhere else.
class SubjectPattern
{
public:
    // The pattern is checked by SourceUrl: exactly one <id> token.
    explicit SubjectPattern(const QString& pattern, const QString& category = {});

    // The stream id for a subject, or nothing when the subject does not match.
    std::optional<QString> streamOf(const QString& subject) const;
    QString text() const { return m_tokens.join(QLatin1Char('.')); }

private:
    QStringList m_tokens;
    QString m_category;
};

} // namespace eventscope::importers::live
