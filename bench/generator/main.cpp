// eventscope-generate: writes a deterministic "orders & inventory" event log as JSON Lines.
#include "generator.h"

#include "timeformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

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
    const QCommandLineOption storiesOption(
        QStringLiteral("stories"),
        QStringLiteral(
            "Also write the events that show each planted story, one {\"id\", \"note\"} object per "
            "line in position order (for `eventscope-cli bookmarks --import`)."),
        QStringLiteral("FILE.jsonl"));
    parser.addOptions({eventsOption, seedOption, startOption, storiesOption});
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

    if (parser.isSet(storiesOption) &&
        (parser.value(storiesOption).isEmpty() || parser.value(storiesOption) == QLatin1String("-")))
        return fail(QStringLiteral("--stories needs a file name"));

    const QString outName = parser.positionalArguments().constFirst();
    const bool toStdout = outName == QLatin1String("-");
    std::FILE* out = toStdout ? stdout : std::fopen(QFile::encodeName(outName).constData(), "wb");
    if (!out)
        return fail(
            QStringLiteral("cannot write %1: %2").arg(outName, QString::fromLocal8Bit(std::strerror(errno))));

    std::vector<bench::StoryMoment> moments;
    const bool written = bench::generate(
        options,
        [out](std::string_view chunk) {
            return std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size();
        },
        4 << 20, parser.isSet(storiesOption) ? &moments : nullptr);
    const bool closed = toStdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
    if (!written || !closed)
        return fail(QStringLiteral("writing %1 failed: %2")
                        .arg(outName, QString::fromLocal8Bit(std::strerror(errno))));

    if (parser.isSet(storiesOption)) {
        const QString storiesName = parser.value(storiesOption);
        std::string lines;
        bench::appendStoryMomentsJsonl(lines, moments);
        // Replaced whole or not at all: a build step that failed halfway leaves no half file behind.
        QSaveFile stories(storiesName);
        if (!stories.open(QIODevice::WriteOnly) ||
            stories.write(lines.data(), qint64(lines.size())) != qint64(lines.size()) || !stories.commit())
            return fail(QStringLiteral("cannot write %1: %2").arg(storiesName, stories.errorString()));
    }
    return 0;
}
