#include "sourceurl.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace eventscope::importers::live {
namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

const QStringList& requiredMapping()
{
    static const QStringList names{QStringLiteral("stream"), QStringLiteral("type"), QStringLiteral("time")};
    return names;
}

const QStringList& sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

std::optional<SourceUrl::Layout> layoutFromName(const QString& name)
{
    for (const auto layout : {SourceUrl::Layout::Eventscope, SourceUrl::Layout::Eventsourcing,
                              SourceUrl::Layout::Table, SourceUrl::Layout::MessageDb}) {
        if (name == SourceUrl::layoutName(layout))
            return layout;
    }
    return std::nullopt;
}

// Which parameters each layout takes, checked once the layout is known.
bool checkParameters(SourceUrl& url, QString* error)
{
    const QStringList given = url.parameters.keys();
    if (url.layout == SourceUrl::Layout::Detect && url.parameters.contains(QStringLiteral("table")))
        url.layout = SourceUrl::Layout::Table; // a table named with its mapping
    QStringList allowed;
    switch (url.layout) {
    case SourceUrl::Layout::Detect:
    case SourceUrl::Layout::Eventscope:
        break;
    case SourceUrl::Layout::Eventsourcing:
        allowed << QStringLiteral("table");
        break;
    case SourceUrl::Layout::Table:
        allowed = SourceUrl::mappingParameters();
        break;
    case SourceUrl::Layout::MessageDb:
        allowed << QStringLiteral("category") << QStringLiteral("sslmode");
        break;
    }
    for (const QString& name : given) {
        if (allowed.contains(name))
            continue;
        if (url.scheme == QLatin1String("postgresql"))
            return fail(
                error, QStringLiteral("unknown parameter '%1' (known: layout, category, sslmode)").arg(name));
        if (SourceUrl::mappingParameters().contains(name)) {
            if (url.layout == SourceUrl::Layout::Detect)
                return fail(error, QStringLiteral("parameter '%1' maps a table: name the table too "
                                                  "(table=NAME)")
                                       .arg(name));
            return fail(error, QStringLiteral("parameter '%1' is not used with layout=%2 (it maps a table: "
                                              "layout=table)")
                                   .arg(name, SourceUrl::layoutName(url.layout)));
        }
        return fail(error, QStringLiteral("unknown parameter '%1' (known: layout, %2)")
                               .arg(name, SourceUrl::mappingParameters().join(QStringLiteral(", "))));
    }
    if (url.layout == SourceUrl::Layout::MessageDb) {
        const QString sslmode = url.parameter(QStringLiteral("sslmode"));
        if (!sslmode.isEmpty() && !sslModes().contains(sslmode))
            return fail(
                error,
                QStringLiteral("sslmode=%1: one of %2").arg(sslmode, sslModes().join(QStringLiteral(", "))));
        return true;
    }
    if (url.layout != SourceUrl::Layout::Table)
        return true;
    QStringList missing;
    for (const QString& name : requiredMapping()) {
        if (!url.parameters.contains(name))
            missing << name + QLatin1Char('=');
    }
    if (!url.parameters.contains(QStringLiteral("table")))
        missing.prepend(QStringLiteral("table="));
    if (!missing.isEmpty())
        return fail(error,
                    QStringLiteral("a mapped table needs table=, stream=, type= and time= (missing: %1)")
                        .arg(missing.join(QStringLiteral(", "))));
    const QString unit = url.parameter(QStringLiteral("time_unit"));
    if (!unit.isEmpty() && unit != QLatin1String("s") && unit != QLatin1String("ms") &&
        unit != QLatin1String("us"))
        return fail(error, QStringLiteral("time_unit=%1: takes s, ms or us").arg(unit));
    return true;
}

// layout= and the other parameters, each at most once and with a value.
bool readQuery(const QUrl& url, SourceUrl& result, QString* error)
{
    const QUrlQuery query(url);
    bool layoutGiven = false;
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name.isEmpty())
            return fail(error, QStringLiteral("a parameter without a name ('=%1')").arg(value));
        if (value.isEmpty())
            return fail(error, QStringLiteral("parameter '%1' has no value").arg(name));
        if (name == QLatin1String("layout")) {
            const auto layout = layoutFromName(value);
            if (!layout)
                return fail(error,
                            QStringLiteral("layout=%1: unknown layout (one of: eventsourcing, eventscope, "
                                           "table, messagedb)")
                                .arg(value));
            if (layoutGiven)
                return fail(error, QStringLiteral("parameter 'layout' is given twice"));
            layoutGiven = true;
            result.layout = *layout;
            continue;
        }
        if (result.parameters.contains(name))
            return fail(error, QStringLiteral("parameter '%1' is given twice").arg(name));
        result.parameters.insert(name, value);
    }
    return true;
}

std::optional<SourceUrl> parseSqlite(const QUrl& url, QString* error)
{
    if (!url.host().isEmpty() || url.port() != -1 || !url.userInfo().isEmpty()) {
        fail(error,
             QStringLiteral("sqlite URLs name a file, not a host ('%1'): write sqlite:///absolute/path "
                            "or sqlite:relative/path")
                 .arg(url.authority()));
        return std::nullopt;
    }
    SourceUrl result;
    result.scheme = QStringLiteral("sqlite");
    const QString path = url.path(QUrl::FullyDecoded);
    if (path.isEmpty() || path == QLatin1String("/")) {
        fail(error, QStringLiteral("no file path (e.g. sqlite:///path/file.db)"));
        return std::nullopt;
    }
    result.path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (!readQuery(url, result, error))
        return std::nullopt;
    if (result.layout == SourceUrl::Layout::MessageDb) {
        fail(error, QStringLiteral("layout=messagedb is a PostgreSQL layout (postgresql://...)"));
        return std::nullopt;
    }
    if (!checkParameters(result, error))
        return std::nullopt;
    return result;
}

std::optional<SourceUrl> parsePostgres(const QUrl& url, QString* error)
{
    SourceUrl result;
    result.scheme = QStringLiteral("postgresql");
    if (!url.password().isEmpty()) {
        fail(error,
             QStringLiteral("a password in the URL is not accepted (the URL is kept in the workspace): "
                            "use PGPASSWORD or ~/.pgpass"));
        return std::nullopt;
    }
    result.user = url.userName(QUrl::FullyDecoded);
    result.host = url.host(QUrl::FullyDecoded);
    result.port = url.port(-1);
    result.database = url.path(QUrl::FullyDecoded).mid(1);
    if (result.database.isEmpty() || result.database.contains(QLatin1Char('/'))) {
        fail(error,
             QStringLiteral("no database name (e.g. postgresql://user@127.0.0.1:5432/DB?layout=messagedb)"));
        return std::nullopt;
    }
    if (!readQuery(url, result, error))
        return std::nullopt;
    if (result.layout != SourceUrl::Layout::MessageDb) {
        fail(error,
             result.layout == SourceUrl::Layout::Detect
                 ? QStringLiteral("postgresql sources need layout=messagedb (the layout this build reads)")
                 : QStringLiteral("layout=%1 is not a PostgreSQL layout (this build reads layout=messagedb)")
                       .arg(SourceUrl::layoutName(result.layout)));
        return std::nullopt;
    }
    if (!checkParameters(result, error))
        return std::nullopt;
    return result;
}

} // namespace

const QStringList& SourceUrl::mappingParameters()
{
    static const QStringList names{QStringLiteral("table"),    QStringLiteral("position"),
                                   QStringLiteral("stream"),   QStringLiteral("type"),
                                   QStringLiteral("time"),     QStringLiteral("data"),
                                   QStringLiteral("metadata"), QStringLiteral("id"),
                                   QStringLiteral("version"),  QStringLiteral("time_unit")};
    return names;
}

QString SourceUrl::layoutName(Layout layout)
{
    switch (layout) {
    case Layout::Detect:
        return QStringLiteral("detect");
    case Layout::Eventscope:
        return QStringLiteral("eventscope");
    case Layout::Eventsourcing:
        return QStringLiteral("eventsourcing");
    case Layout::Table:
        return QStringLiteral("table");
    case Layout::MessageDb:
        return QStringLiteral("messagedb");
    }
    return {};
}

QString SourceUrl::canonical() const
{
    QUrl url;
    url.setScheme(scheme);
    QUrlQuery query;
    if (layout != Layout::Detect)
        query.addQueryItem(QStringLiteral("layout"), layoutName(layout));
    if (scheme == QLatin1String("postgresql")) {
        url.setUserName(user);
        url.setHost(host);
        url.setPort(port);
        url.setPath(QLatin1Char('/') + database);
        for (const QString& name : {QStringLiteral("category"), QStringLiteral("sslmode")}) {
            if (parameters.contains(name))
                query.addQueryItem(name, parameters.value(name));
        }
        url.setQuery(query);
        return url.toString(QUrl::FullyEncoded);
    }
    url.setPath(path);
    for (const QString& name : mappingParameters()) {
        if (parameters.contains(name))
            query.addQueryItem(name, parameters.value(name));
    }
    url.setQuery(query);
    // QUrl drops the empty authority of "sqlite:///path"; keep the spelling users write.
    QString text = url.toString(QUrl::FullyEncoded);
    if (text.startsWith(scheme + QStringLiteral(":/")) && !text.startsWith(scheme + QStringLiteral("://")))
        text.insert(scheme.size() + 1, QStringLiteral("//"));
    return text;
}

std::optional<SourceUrl> SourceUrl::parse(const QString& text, QString* error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, QStringLiteral("empty source URL (e.g. sqlite:///path/file.db?layout=eventsourcing)"));
        return std::nullopt;
    }
    const QUrl url(trimmed, QUrl::TolerantMode);
    if (!url.isValid()) {
        fail(error, QStringLiteral("'%1' is not a valid URL: %2").arg(trimmed, url.errorString()));
        return std::nullopt;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty()) {
        fail(error, QStringLiteral("'%1' has no scheme: write sqlite://%2")
                        .arg(trimmed, QFileInfo(trimmed).absoluteFilePath()));
        return std::nullopt;
    }
    if (url.hasFragment()) {
        fail(error, QStringLiteral("unexpected fragment '#%1'").arg(url.fragment()));
        return std::nullopt;
    }
    if (scheme == QLatin1String("nats")) {
        fail(error, QStringLiteral("nats:// sources are not supported by this build yet; only sqlite:// and "
                                   "postgresql:// sources can be followed"));
        return std::nullopt;
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return parsePostgres(url, error);
    if (scheme == QLatin1String("sqlite"))
        return parseSqlite(url, error);
    fail(error, QStringLiteral("unknown scheme '%1' (supported: sqlite, postgresql)").arg(url.scheme()));
    return std::nullopt;
}

} // namespace eventscope::importers::live
