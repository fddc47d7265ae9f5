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
    for (const auto layout :
         {SourceUrl::Layout::Eventscope, SourceUrl::Layout::Eventsourcing, SourceUrl::Layout::Table,
          SourceUrl::Layout::MessageDb, SourceUrl::Layout::Marten}) {
        if (name == SourceUrl::layoutName(layout))
            return layout;
    }
    return std::nullopt;
}

bool isPostgresLayout(SourceUrl::Layout layout)
{
    return layout == SourceUrl::Layout::MessageDb || layout == SourceUrl::Layout::Marten ||
           layout == SourceUrl::Layout::Table;
}

// The mapping's own rules: the columns it needs, and the time unit.
bool checkMapping(const SourceUrl& url, QString* error)
{
    const bool postgres = url.scheme == QLatin1String("postgresql");
    QStringList missing;
    if (!url.parameters.contains(QStringLiteral("table")))
        missing << QStringLiteral("table=");
    // PostgreSQL tables have no rowid to fall back on.
    if (postgres && !url.parameters.contains(QStringLiteral("position")))
        missing << QStringLiteral("position=");
    for (const QString& name : requiredMapping()) {
        if (!url.parameters.contains(name))
            missing << name + QLatin1Char('=');
    }
    if (!missing.isEmpty())
        return fail(error,
                    QStringLiteral("a mapped table needs table=, %1stream=, type= and time= (missing: %2)")
                        .arg(postgres ? QStringLiteral("position=, ") : QString(),
                             missing.join(QStringLiteral(", "))));
    const QString unit = url.parameter(QStringLiteral("time_unit"));
    if (!unit.isEmpty() && unit != QLatin1String("s") && unit != QLatin1String("ms") &&
        unit != QLatin1String("us"))
        return fail(error, QStringLiteral("time_unit=%1: takes s, ms or us").arg(unit));
    return true;
}

// Which parameters each layout takes, checked once the layout is known.
bool checkParameters(SourceUrl& url, QString* error)
{
    const QStringList given = url.parameters.keys();
    if (url.layout == SourceUrl::Layout::Detect && url.parameters.contains(QStringLiteral("table")))
        url.layout = SourceUrl::Layout::Table; // a table named with its mapping
    const QStringList allowed = SourceUrl::parametersOf(url.scheme, url.layout);
    for (const QString& name : given) {
        if (allowed.contains(name))
            continue;
        if (url.scheme == QLatin1String("postgresql"))
            return fail(
                error, QStringLiteral("unknown parameter '%1' for layout=%2 (known: layout, %3)")
                           .arg(name, SourceUrl::layoutName(url.layout), allowed.join(QStringLiteral(", "))));
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
    const QString sslmode = url.parameter(QStringLiteral("sslmode"));
    if (!sslmode.isEmpty() && !sslModes().contains(sslmode))
        return fail(
            error,
            QStringLiteral("sslmode=%1: one of %2").arg(sslmode, sslModes().join(QStringLiteral(", "))));
    if (url.layout == SourceUrl::Layout::Table)
        return checkMapping(url, error);
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
                                           "table, messagedb, marten)")
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
    if (result.layout == SourceUrl::Layout::MessageDb || result.layout == SourceUrl::Layout::Marten) {
        fail(error, QStringLiteral("layout=%1 is a PostgreSQL layout (postgresql://...)")
                        .arg(SourceUrl::layoutName(result.layout)));
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
    if (result.layout == SourceUrl::Layout::Detect && result.parameters.contains(QStringLiteral("table")))
        result.layout = SourceUrl::Layout::Table;
    if (!isPostgresLayout(result.layout)) {
        fail(error,
             result.layout == SourceUrl::Layout::Detect
                 ? QStringLiteral("postgresql sources need layout=messagedb, layout=marten or a mapped "
                                  "table (table=...)")
                 : QStringLiteral("layout=%1 is not a PostgreSQL layout (messagedb, marten, table)")
                       .arg(SourceUrl::layoutName(result.layout)));
        return std::nullopt;
    }
    if (!checkParameters(result, error))
        return std::nullopt;
    return result;
}

std::optional<SourceUrl> parseNats(const QUrl& url, QString* error)
{
    SourceUrl result;
    result.scheme = QStringLiteral("nats");
    result.layout = SourceUrl::Layout::JetStream;
    if (!url.userInfo().isEmpty()) {
        fail(error, QStringLiteral("credentials in a nats:// URL are not accepted (the URL is kept in the "
                                   "workspace)"));
        return std::nullopt;
    }
    result.host = url.host(QUrl::FullyDecoded);
    result.port = url.port(4222);
    if (result.host.isEmpty()) {
        fail(error, QStringLiteral("no server (e.g. nats://127.0.0.1:4222?stream=ORDERS)"));
        return std::nullopt;
    }
    if (!url.path().isEmpty() && url.path() != QLatin1String("/")) {
        fail(error, QStringLiteral("unexpected path '%1': name the stream with stream=").arg(url.path()));
        return std::nullopt;
    }
    if (!readQuery(url, result, error))
        return std::nullopt;
    if (result.layout != SourceUrl::Layout::JetStream && result.layout != SourceUrl::Layout::Detect) {
        fail(error, QStringLiteral("nats:// sources take no layout="));
        return std::nullopt;
    }
    result.layout = SourceUrl::Layout::JetStream;
    const QStringList allowed = SourceUrl::parametersOf(result.scheme, result.layout);
    for (const QString& name : result.parameters.keys()) {
        if (!allowed.contains(name)) {
            fail(error, QStringLiteral("unknown parameter '%1' (known: %2)")
                            .arg(name, allowed.join(QStringLiteral(", "))));
            return std::nullopt;
        }
    }
    if (!result.parameters.contains(QStringLiteral("stream"))) {
        fail(error, QStringLiteral("no JetStream stream (stream=NAME)"));
        return std::nullopt;
    }
    const QString pattern = result.parameter(QStringLiteral("subject_stream"));
    if (!pattern.isEmpty() && pattern.split(QLatin1Char('.')).count(QStringLiteral("<id>")) != 1) {
        fail(error, QStringLiteral("subject_stream=%1: needs exactly one token <id> (e.g. orders.<id>.>)")
                        .arg(pattern));
        return std::nullopt;
    }
    if (pattern.isEmpty() && result.parameters.contains(QStringLiteral("category"))) {
        fail(error, QStringLiteral("category= names the streams of subject_stream=: give that too"));
        return std::nullopt;
    }
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

QStringList SourceUrl::parametersOf(const QString& scheme, Layout layout)
{
    const bool postgres = scheme == QLatin1String("postgresql");
    QStringList names;
    switch (layout) {
    case Layout::Detect:
    case Layout::Eventscope:
        break;
    case Layout::Eventsourcing:
        names << QStringLiteral("table");
        break;
    case Layout::Table:
        names = mappingParameters();
        break;
    case Layout::MessageDb:
        names << QStringLiteral("category");
        break;
    case Layout::Marten:
        names << QStringLiteral("schema") << QStringLiteral("category");
        break;
    case Layout::JetStream:
        names << QStringLiteral("stream") << QStringLiteral("subjects") << QStringLiteral("subject_stream")
              << QStringLiteral("category");
        break;
    }
    if (postgres)
        names << QStringLiteral("sslmode");
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
    case Layout::Marten:
        return QStringLiteral("marten");
    case Layout::JetStream:
        return QStringLiteral("jetstream");
    }
    return {};
}

QString SourceUrl::canonical() const
{
    QUrl url;
    url.setScheme(scheme);
    QUrlQuery query;
    if (layout != Layout::Detect && layout != Layout::JetStream)
        query.addQueryItem(QStringLiteral("layout"), layoutName(layout));
    if (scheme != QLatin1String("sqlite")) {
        if (scheme == QLatin1String("postgresql")) {
            url.setUserName(user);
            url.setPath(QLatin1Char('/') + database);
        }
        url.setHost(host);
        url.setPort(port);
        for (const QString& name : parametersOf(scheme, layout)) {
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
    if (scheme == QLatin1String("nats"))
        return parseNats(url, error);
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return parsePostgres(url, error);
    if (scheme == QLatin1String("sqlite"))
        return parseSqlite(url, error);
    fail(error,
         QStringLiteral("unknown scheme '%1' (supported: sqlite, postgresql, nats)").arg(url.scheme()));
    return std::nullopt;
}

} // namespace eventscope::importers::live
