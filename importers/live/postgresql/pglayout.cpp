#include "pglayout.h"

#include "martenlayout.h"
#include "messagedblayout.h"
#include "pgtablelayout.h"

namespace eventscope::importers::live {

std::string quotePgIdentifier(const QString& name)
{
    std::string quoted = "\"";
    for (const char c : name.toStdString()) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string qualifiedPgName(const QString& name)
{
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    if (dot < 0)
        return quotePgIdentifier(name);
    return quotePgIdentifier(name.left(dot)) + '.' + quotePgIdentifier(name.mid(dot + 1));
}

std::unique_ptr<PgLayout> createPgLayout(const SourceUrl& url)
{
    switch (url.layout) {
    case SourceUrl::Layout::Marten:
        return std::make_unique<MartenLayout>(url.parameter(QStringLiteral("schema")));
    case SourceUrl::Layout::Table:
        return std::make_unique<PgTableLayout>(url);
    default:
        return std::make_unique<MessageDbLayout>();
    }
}

} // namespace eventscope::importers::live
