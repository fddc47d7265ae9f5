#include "cli.h"

#include "timeformat.h"

#include <cstdio>

namespace eventscope::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        err() << "eventscope-cli: " << parser.errorText() << "\n" << usage << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out() << usage << "\n\n" << parser.helpText().section(QLatin1Char('\n'), 2) << Qt::flush;
        return ExitOk;
    }
    return -1;
}

void addSelectionOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("stream"), QStringLiteral("Only events of this stream."), QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("type"), QStringLiteral("Only events of this type."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("From this position (an integer) or time (RFC 3339), inclusive."),
                      QStringLiteral("POSITION|TIME")});
    parser.addOption({QStringLiteral("to"), QStringLiteral("Up to this position or time, inclusive."),
                      QStringLiteral("POSITION|TIME")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("At most N events."), QStringLiteral("N")});
}

namespace {

bool boundFromText(const QString& text, qint64& position, std::optional<qint64>& time, QString& error)
{
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (isNumber) {
        if (n < 1) {
            error = QStringLiteral("positions start at 1, not %1").arg(text);
            return false;
        }
        position = n;
        return true;
    }
    time = parseTimestamp(text);
    if (!time) {
        error = QStringLiteral("'%1' is neither a position nor an RFC 3339 time").arg(text);
        return false;
    }
    return true;
}

} // namespace

bool selectionFromOptions(const QCommandLineParser& parser, EventSelection& selection, QString& error)
{
    selection.stream = parser.value(QStringLiteral("stream"));
    selection.type = parser.value(QStringLiteral("type"));
    if (parser.isSet(QStringLiteral("from")) &&
        !boundFromText(parser.value(QStringLiteral("from")), selection.fromPosition, selection.fromTimeUs,
                       error))
        return false;
    if (parser.isSet(QStringLiteral("to")) &&
        !boundFromText(parser.value(QStringLiteral("to")), selection.toPosition, selection.toTimeUs, error))
        return false;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        selection.limit = parser.value(QStringLiteral("limit")).toLongLong(&ok);
        if (!ok || selection.limit < 0) {
            error = QStringLiteral("--limit takes a non-negative integer");
            return false;
        }
    }
    return true;
}

} // namespace eventscope::cli
