#include "subjectpattern.h"

namespace eventscope::importers::live {

SubjectPattern::SubjectPattern(const QString& pattern, const QString& category)
    : m_tokens(pattern.split(QLatin1Char('.'))), m_category(category)
{
    if (m_category.isEmpty()) {
        QStringList literal;
        for (const QString& token : m_tokens) {
            if (token == QLatin1String("<id>"))
                break;
            if (token != QLatin1String("*") && token != QLatin1String(">"))
                literal << token;
        }
        m_category = literal.join(QLatin1Char('.'));
    }
}

std::optional<QString> SubjectPattern::streamOf(const QString& subject) const
{
    const QStringList tokens = subject.split(QLatin1Char('.'));
    QString id;
    qsizetype i = 0;
    for (; i < m_tokens.size(); ++i) {
        const QString& want = m_tokens[i];
        if (want == QLatin1String(">"))
            return i < tokens.size() && !id.isEmpty()
                       ? std::optional<QString>(m_category.isEmpty() ? id
                                                                     : m_category + QLatin1Char('-') + id)
                       : std::nullopt;
        if (i >= tokens.size() || tokens[i].isEmpty())
            return std::nullopt;
        if (want == QLatin1String("<id>"))
            id = tokens[i];
        else if (want != QLatin1String("*") && want != tokens[i])
            return std::nullopt;
    }
    if (i != tokens.size() || id.isEmpty())
        return std::nullopt;
    return m_category.isEmpty() ? id : m_category + QLatin1Char('-') + id;
}

} // namespace eventscope::importers::live
