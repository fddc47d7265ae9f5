#include "pglayout.h"

#include "martenlayout.h"
#include "messagedblayout.h"
#include "pgtablelayout.h"

#include <QRegularExpression>

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

std::string pgParameter(std::vector<QByteArray>& parameters, const QByteArray& value)
{
    parameters.push_back(value);
    std::string placeholder = std::to_string(parameters.size());
    placeholder.insert(placeholder.begin(), '$'); // not "$" + ...: GCC 12's -Wrestrict misfires on it
    return placeholder;
}

QByteArray pgBigintArray(const std::vector<qint64>& values)
{
    QByteArray text = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            text += ',';
        text += QByteArray::number(values[i]);
    }
    return text + '}';
}

bool isUuidText(const QString& text)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(text).hasMatch();
}

std::string pgTimeMicros(const std::string& column, PgLayout::TimeKind kind, const QString& unit)
{
    switch (kind) {
    case PgLayout::TimeKind::Micros:
        return "(extract(epoch FROM " + column + ") * 1000000)::bigint";
    case PgLayout::TimeKind::Text:
        return "(extract(epoch FROM (" + column + ")::timestamptz) * 1000000)::bigint";
    case PgLayout::TimeKind::Epoch:
        break;
    }
    const std::string value = "(" + column + ")::double precision";
    if (unit == QLatin1String("s"))
        return "round(" + value + " * 1e6)::bigint";
    if (unit == QLatin1String("ms"))
        return "round(" + value + " * 1e3)::bigint";
    if (unit == QLatin1String("us"))
        return "round(" + value + ")::bigint";
    // By magnitude, with the thresholds of epochToMicros (model/timeformat).
    return "round(CASE WHEN abs(" + value + ") < 1e11 THEN " + value + " * 1e6 WHEN abs(" + value +
           ") < 1e14 THEN " + value + " * 1e3 ELSE " + value + " END)::bigint";
}

std::string PgLayout::streamCondition(const QString& stream, std::vector<QByteArray>& parameters) const
{
    return streamExpr() + " = " + pgParameter(parameters, stream.toUtf8());
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
