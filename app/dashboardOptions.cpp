#include "dashboardOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>
#include <cstring>

namespace sy::app {

void addDashboardOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "The Switchyard dashboard: runs the app's dev server inside the window and shows its "
        "module graphs and engine events. Subcommands serve, test, graph, inspect and journal "
        "run headless."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("app"),
        QStringLiteral("App folder, or its wrangler.jsonc / wrangler.json / vite.config "
                       "(default: the bundled example)."),
        QStringLiteral("[app]"));
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Render the window into this PNG once the app is loaded, "
                                     "then exit."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("journal"),
                      QStringLiteral("Open this saved journal (SQLite) read-only, without a "
                                     "server: its timeline and the engine state at the cursor."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("port"),
                      QStringLiteral("Dev server port (default 5173; taken: any free one)."),
                      QStringLiteral("port"), QStringLiteral("5173")});
    parser.addOption({QStringLiteral("no-watch"), QStringLiteral("Do not watch the app's files.")});
}

QString appDirFromArgument(const QString &argument, QString *error)
{
    const QFileInfo info(argument);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file or folder").arg(argument);
        return {};
    }
    if (info.isDir())
        return info.absoluteFilePath();
    const QString name = info.fileName();
    static const char *const configs[] = {"wrangler.jsonc", "wrangler.json", "wrangler.toml"};
    for (const char *config : configs)
        if (name == QLatin1String(config))
            return info.absolutePath();
    if (name.startsWith(QLatin1String("vite.config.")))
        return info.absolutePath();
    *error = QStringLiteral("%1 is not an app's wrangler.jsonc, wrangler.json or vite.config "
                            "(open the app's folder or that file)")
                 .arg(argument);
    return {};
}

bool wantsDashboardInfo(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            return false;
        for (const char *flag : {"--help", "-h", "--help-all", "-?", "--version", "-v"})
            if (std::strcmp(arg, flag) == 0)
                return true;
    }
    return false;
}

int printDashboardInfo(const char *usage)
{
    QCommandLineParser parser;
    addDashboardOptions(parser);
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    std::fputs(usage, stdout);
    std::printf("\nThe dashboard (no command):\n%s", qPrintable(parser.helpText()));
    return 0;
}

} // namespace sy::app
