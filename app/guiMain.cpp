#include "guiMain.h"
#include "js/nodeBuiltinCodeCache.h"

#include "cliCommon.h"
#include "dashboardOptions.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "runtimePaths.h"
#include "shell/mainWindow.h"
#include "timeline/journalWindow.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPixmap>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>

namespace sy::app {

QString installTranslations(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto *ours = new QTranslator(qApp);
    if (ours->load(locale, QStringLiteral("switchyard"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return locale.name();
}

namespace {

/// `switchyard --journal FILE [--screenshot PNG]`: post-mortem, no server.
int runJournalWindow(const QString &path, const QString &screenshot)
{
    JournalWindow window;
    QString error;
    if (!window.open(QFileInfo(path).absoluteFilePath(), &error)) {
        std::fprintf(stderr, "switchyard: %s: %s\n", qPrintable(path), qPrintable(error));
        return 1;
    }
    int exitCode = 0;
    if (!screenshot.isEmpty()) {
        window.resize(1280, 800);
        QTimer::singleShot(500, &window, [&] {
            // The cursor in the middle of the journal, so the panel shows a
            // state part-way through.
            const auto [first, last] = window.replay().timeRange();
            window.setTimeMs(first + (last - first) / 2);
            QTimer::singleShot(300, &window, [&] {
                if (!window.grab().save(screenshot, "PNG")) {
                    std::fprintf(stderr, "switchyard: cannot write %s\n", qPrintable(screenshot));
                    exitCode = 1;
                }
                QCoreApplication::quit();
            });
        });
    }
    window.show();
    const int code = QApplication::exec();
    return exitCode ? exitCode : code;
}

} // namespace

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchyard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchyard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SY_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Switchyard"));
    QGuiApplication::setDesktopFileName(QStringLiteral("dev.switchyard.Switchyard"));

    QCommandLineParser parser;
    addDashboardOptions(parser);
    parser.process(app);                  // --help and bad options exit here
    nodeBuiltinCodeCache::prepareAhead(); // read on an idle core while the project loads
    bool portOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    if (!portOk || port > 65535) {
        std::fputs("switchyard: --port must be 0..65535\n", stderr);
        return 2;
    }
    QString dir = parser.positionalArguments().value(0);
    const bool bundledExample = dir.isEmpty();
    if (bundledExample) {
        dir = bundledExampleDir();
        sy::cli::sayBundledExample(dir);
    } else {
        QString error;
        dir = appDirFromArgument(dir, &error);
        if (dir.isEmpty()) {
            std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
            return 2;
        }
    }
    const QString screenshot = parser.value(QStringLiteral("screenshot"));

    // A screenshot run leaves the user's settings alone.
    std::unique_ptr<QTemporaryDir> scratch;
    std::unique_ptr<QSettings> settings;
    if (screenshot.isEmpty()) {
        settings = std::make_unique<QSettings>();
    } else {
        scratch = std::make_unique<QTemporaryDir>();
        settings = std::make_unique<QSettings>(scratch->filePath(QStringLiteral("settings.ini")),
                                               QSettings::IniFormat);
    }
    installTranslations(settings->value(QStringLiteral("language")).toString());

    if (parser.isSet(QStringLiteral("journal")))
        return runJournalWindow(parser.value(QStringLiteral("journal")), screenshot);

    EngineHost host;
    host.setPort(quint16(port));
    host.setWatch(!parser.isSet(QStringLiteral("no-watch")) && screenshot.isEmpty());
    MainWindow window(host.modules(), host.events(), host.status(), settings.get());
    QObject::connect(&window, &MainWindow::openProjectRequested, &host, &EngineHost::open);
    QObject::connect(&window, &MainWindow::openJournalRequested, &window,
                     [&window](const QString &path) { JournalWindow::showJournal(path, &window); });
    ModuleGraphView *graph = installDashboardViews(window, host);
    if (bundledExample) // the title says which folder that is (the one to edit)
        window.setBundledExample(dir);

    int exitCode = 0;
    if (!screenshot.isEmpty()) {
        window.resize(1280, 800);
        QObject::connect(&host, &EngineHost::loaded, &window, [&] {
            // Let the graph lay out (off the UI thread), fit it, select the
            // example's client component so the inspector shows it, then grab.
            auto *poll = new QTimer(&window);
            auto waited = std::make_shared<int>(0);
            QObject::connect(poll, &QTimer::timeout, &window, [&, poll, waited] {
                if (graph->graphScene()->layoutPending() && (*waited += 100) < 15000)
                    return;
                poll->stop();
                graph->fitAll();
                graph->search(QStringLiteral("/src/app/components/Counter.tsx"));
                QTimer::singleShot(800, &window, [&] {
                    const QPixmap shot = window.grab();
                    if (!shot.save(screenshot, "PNG")) {
                        std::fprintf(stderr, "switchyard: cannot write %s\n",
                                     qPrintable(screenshot));
                        exitCode = 1;
                    }
                    QCoreApplication::quit();
                });
            });
            poll->start(100);
        });
        QObject::connect(&host, &EngineHost::failed, &window, [&](const QString &message) {
            std::fprintf(stderr, "switchyard: %s\n", qPrintable(message));
            exitCode = 1;
            QCoreApplication::quit();
        });
        QTimer::singleShot(180000, &window, [&] {
            std::fputs("switchyard: the app did not load within 180 s\n", stderr);
            exitCode = 1;
            QCoreApplication::quit();
        });
    }
    window.show();
    host.open(dir);
    const int code = QApplication::exec();
    host.stop();
    return exitCode ? exitCode : code;
}

} // namespace sy::app
