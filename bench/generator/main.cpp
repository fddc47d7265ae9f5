// eventscope-generate: writes a deterministic "orders & inventory" event log as JSON Lines.
#include "generator.h"

#include "timeformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace eventscope;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "eventscope-generate: %s\n", qUtf8Printable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventscope-generate"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a deterministic \"orders & inventory\" event log in the canonical envelope, one JSON "
        "object per line, with planted stories (see bench/generator/STORIES.md)."));
    parser.addHelpOption();
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Number of events."),
                                          QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 42)."),
                                        QStringLiteral("S"), QStringLiteral("42"));
    const QCommandLineOption startOption(
        QStringLiteral("start"), QStringLiteral("Time of the first event (default 2025-03-01T00:00:00Z)."),
        QStringLiteral("TIME"), QStringLiteral("2025-03-01T00:00:00Z"));
    parser.addOptions({eventsOption, seedOption, startOption});
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("Output file, or - for stdout."));
    parser.process(app);

    if (!parser.isSet(eventsOption))
        return fail(QStringLiteral("--events N is required"));
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("exactly one output file (or -) is required"));

    bench::GeneratorOptions options;
    bool ok = false;
    options.events = parser.value(eventsOption).toLongLong(&ok);
    if (!ok || options.events < 0)
        return fail(QStringLiteral("--events must be a non-negative integer"));
    options.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be an unsigned integer"));
    const auto start = parseTimestamp(parser.value(startOption));
    if (!start)
        return fail(
            QStringLiteral("--start is not an RFC 3339 timestamp: %1").arg(parser.value(startOption)));
    options.startUs = *start;

    const QString outName = parser.positionalArguments().constFirst();
    const bool toStdout = outName == QLatin1String("-");
    std::FILE* out = toStdout ? stdout : std::fopen(QFile::encodeName(outName).constData(), "wb");
    if (!out)
        return fail(
            QStringLiteral("cannot write %1: %2").arg(outName, QString::fromLocal8Bit(std::strerror(errno))));

    const bool written = bench::generate(options, [out](std::string_view chunk) {
        return std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size();
    });
    const bool closed = toStdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
    if (!written || !closed)
        return fail(QStringLiteral("writing %1 failed: %2")
                        .arg(outName, QString::fromLocal8Bit(std::strerror(errno))));
    return 0;
}
