#include "appearance.h"
#include "appicon.h"
#include "attachablestores.h"
#include "inspector/stateinspector.h"
#include "mainwindow.h"
#include "timeline/playhead.h"
#include "windowlayout.h"
#include "workspacesession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>
#include <optional>

using eventscope::gui::Appearance;
using eventscope::gui::MainWindow;

namespace {

std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

// A workspace by its name, or by being an SQLite file (Workspace itself tells a foreign one).
bool looksLikeWorkspace(const QString& path)
{
    if (path.endsWith(QStringLiteral(".eventscope")))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

void printError(const QString& message)
{
    std::fprintf(stderr, "eventscope: %s\n", qPrintable(message));
}

struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the main window to FILE (PNG) and exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption at{
        QStringLiteral("at"),
        QStringLiteral("Put the playhead at POSITION (an event position, or \"end\") once the "
                       "workspace is open."),
        QStringLiteral("POSITION")};
    QCommandLineOption show{
        QStringLiteral("show"),
        QStringLiteral("Bring these docks to the front of their tabs, e.g. scripts,charts."),
        QStringLiteral("DOCKS")};
    QCommandLineOption appearance{QStringLiteral("appearance"),
                                  QStringLiteral("light, dark or system, for this run (View > Appearance "
                                                 "remembers a choice)."),
                                  QStringLiteral("SCHEME")};
    QCommandLineOption size{QStringLiteral("size"),
                            QStringLiteral("Window size, e.g. 1600x1000 (the default for screenshots)."),
                            QStringLiteral("WxH")};

    CommandLine()
    {
        parser.setApplicationDescription(QStringLiteral("Desktop explorer for event-sourced systems."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(
            QStringLiteral("workspace"),
            QStringLiteral("The workspace (*.eventscope) to open, or event files to import."),
            QStringLiteral("[WORKSPACE | FILE...]"));
        parser.addOption(screenshot);
        parser.addOption(at);
        parser.addOption(size);
        parser.addOption(show);
        parser.addOption(appearance);
    }
};

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("Eventscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Eventscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EVENTSCOPE_VERSION));
}

// --help and --version must work without a display, where QApplication would abort.
bool onlyAsksForInformation(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    if (onlyAsksForInformation(argc, argv)) {
        QCoreApplication core(argc, argv);
        setApplicationNames();
        CommandLine commandLine;
        commandLine.parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setApplicationNames();
    eventscope::importers::live::registerAttachableStores();
    QApplication::setApplicationDisplayName(QStringLiteral("Eventscope"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setWindowIcon(eventscope::gui::appIcon());

    CommandLine commandLine;
    QCommandLineParser& parser = commandLine.parser;
    const QCommandLineOption& screenshotOption = commandLine.screenshot;
    const QCommandLineOption& sizeOption = commandLine.size;
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    // One workspace is opened; event files (one or several) go to the import dialog.
    const bool screenshotting = parser.isSet(commandLine.screenshot);
    if (screenshotting && positional.size() > 1) {
        printError(
            QStringLiteral("--screenshot takes one workspace, got %1 arguments").arg(positional.size()));
        return 2;
    }
    const bool opensWorkspace =
        positional.size() == 1 && (screenshotting || looksLikeWorkspace(positional.first()));
    const QString workspace = opensWorkspace ? positional.first() : QString();
    const QStringList filesToImport = opensWorkspace ? QStringList() : positional;
    const bool screenshot = parser.isSet(screenshotOption);
    std::optional<qint64> at;
    bool atEnd = false;
    if (parser.isSet(commandLine.at)) {
        const QString text = parser.value(commandLine.at).trimmed();
        bool ok = false;
        const qint64 position = text.toLongLong(&ok);
        atEnd = text == QStringLiteral("end");
        if (!atEnd && (!ok || position < 0)) {
            printError(QStringLiteral("--at expects an event position or \"end\", not \"%1\"").arg(text));
            return 2;
        }
        at = position;
    }
    // Moves the playhead once a workspace is open.
    const auto placePlayhead = [at, atEnd](MainWindow& w) {
        if (atEnd)
            w.playhead()->toEnd();
        else if (at)
            w.playhead()->setPosition(*at);
    };

    std::optional<QSize> size;
    if (parser.isSet(sizeOption)) {
        size = parseSize(parser.value(sizeOption));
        if (!size) {
            printError(QStringLiteral("--size expects WxH, e.g. 1600x1000, not \"%1\"")
                           .arg(parser.value(sizeOption)));
            return 2;
        }
    } else if (screenshot) {
        size = QSize(1600, 1000);
    }

    std::optional<Appearance::Scheme> scheme;
    if (parser.isSet(commandLine.appearance)) {
        bool ok = false;
        scheme = Appearance::parse(parser.value(commandLine.appearance), &ok);
        if (!ok) {
            printError(QStringLiteral("--appearance expects light, dark or system, not \"%1\"")
                           .arg(parser.value(commandLine.appearance)));
            return 2;
        }
    }

    MainWindow window;
    if (scheme)
        window.appearance()->applyScheme(*scheme);
    const QStringList docksToShow =
        parser.value(commandLine.show).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& dock : docksToShow) {
        if (!window.windowLayout()->dockNames().contains(dock.trimmed())) {
            printError(QStringLiteral("--show: no dock \"%1\" (there are: %2)")
                           .arg(dock, window.windowLayout()->dockNames().join(QStringLiteral(", "))));
            return 2;
        }
    }
    // After the layout has settled (the default arrangement is applied once the event loop runs).
    const auto showDocks = [&window, docksToShow] {
        QTimer::singleShot(100, &window, [&window, docksToShow] {
            for (const QString& dock : docksToShow)
                window.windowLayout()->bringToFront(dock.trimmed());
        });
    };
    if (size) {
        window.setWindowState(Qt::WindowNoState); // a restored maximized state would ignore the size
        window.resize(*size);
    }

    if (screenshot) {
        // No dialogs in screenshot mode: a failure is reported on stderr and in the exit code.
        QObject::connect(&window, &MainWindow::errorOccurred, &window, &printError);
        if (!workspace.isEmpty() && !window.openWorkspace(workspace))
            return 1;
        window.show();
        placePlayhead(window);
        showDocks();
        const QString file = parser.value(screenshotOption);
        // The state is replayed on a worker thread: wait for it (at most a few seconds) so that the
        // picture shows the inspector filled in, then let the views settle for a moment.
        auto* poll = new QTimer(&window);
        QElapsedTimer waited;
        waited.start();
        QObject::connect(poll, &QTimer::timeout, &window, [&window, file, poll, waited] {
            const bool replaying = window.session()->isOpen() && window.stateInspector()->isPending();
            if (waited.elapsed() < 400 || (replaying && waited.elapsed() < 8000))
                return;
            poll->stop();
            if (!window.grab().save(file)) {
                printError(QStringLiteral("cannot write %1").arg(file));
                QApplication::exit(1);
                return;
            }
            QApplication::exit(0);
        });
        poll->start(50);
        return QApplication::exec();
    }

    window.show();
    if (!filesToImport.isEmpty())
        QTimer::singleShot(0, &window, [&window, filesToImport] { window.importFiles(filesToImport); });
    if (!workspace.isEmpty())
        QTimer::singleShot(0, &window, [&window, workspace, placePlayhead, showDocks] {
            window.openWorkspaceInteractively(workspace);
            if (window.session()->isOpen()) {
                placePlayhead(window);
                showDocks();
            }
        });
    return QApplication::exec();
}
