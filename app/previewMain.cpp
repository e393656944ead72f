// `switchyard-preview [--control] [--language L] URL`: the app preview in its
// own process. The dashboard (views/preview/previewProcess) starts it so that
// QtWebEngine never shares a process with the engine's libnode (both carry a
// V8; docs/architecture.md). Events go to stdout and commands come from stdin
// as JSON lines (views/preview/previewProtocol.h). Run by hand it is a small
// browser window on the dev server.
#include "appPreview.h"
#include "previewAgent.h"
#include "stdinLineReader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTranslator>
#include <QUrl>
#include <cstdio>

int main(int argc, char *argv[])
{
    sy::AppPreview::prepareEnvironment();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchyard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchyard-preview"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QGuiApplication::setDesktopFileName(QStringLiteral("dev.switchyard.Switchyard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The Switchyard app preview: shows URL (a dev server's page) in QtWebEngine. Prints "
        "events as JSON lines on stdout and takes commands as JSON lines on stdin (show, "
        "navigate, reload, eval, quit)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The page to show."));
    parser.addOption({QStringLiteral("control"),
                      QStringLiteral("Driven by the dashboard: no toolbar, the window is shown "
                                     "on the \"show\" command, end of stdin quits.")});
    parser.addOption({QStringLiteral("language"),
                      QStringLiteral("Language of the window's texts (de, ja, en)."),
                      QStringLiteral("code")});
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        std::fputs("switchyard-preview: exactly one URL expected (switchyard-preview --help)\n",
                   stderr);
        return 2;
    }
    const QUrl url(positional.first(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative()) {
        std::fprintf(stderr, "switchyard-preview: not an absolute URL: %s\n",
                     qPrintable(positional.first()));
        return 2;
    }
    const bool control = parser.isSet(QStringLiteral("control"));

    const QLocale locale = parser.isSet(QStringLiteral("language"))
                               ? QLocale(parser.value(QStringLiteral("language")))
                               : QLocale::system();
    QLocale::setDefault(locale);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("switchyard"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    sy::AppPreview preview;
    preview.setToolbarVisible(!control);
    preview.setWindowTitle(QCoreApplication::translate("sy::PreviewWindow", "Switchyard preview"));
    preview.resize(1024, 768);
    QObject::connect(
        &preview, &sy::AppPreview::titleChanged, &preview, [&preview](const QString &title) {
            preview.setWindowTitle(
                title.isEmpty()
                    ? QCoreApplication::translate("sy::PreviewWindow", "Switchyard preview")
                    : QCoreApplication::translate("sy::PreviewWindow", "%1 — Switchyard preview")
                          .arg(title));
        });

    sy::PreviewAgent agent(&preview);
    QObject::connect(&agent, &sy::PreviewAgent::output, &app, [](const QByteArray &line) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    });
    QObject::connect(&agent, &sy::PreviewAgent::quitRequested, &app, &QCoreApplication::quit);
    sy::StdinLineReader commands;
    QObject::connect(&commands, &sy::StdinLineReader::lineRead, &agent,
                     &sy::PreviewAgent::handleLine);
    if (control)
        QObject::connect(&commands, &sy::StdinLineReader::finished, &app, &QCoreApplication::quit);

    preview.setUrl(url);
    agent.announce();
    if (!control)
        preview.show();
    return QApplication::exec();
}
