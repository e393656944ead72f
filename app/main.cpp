// switchyard: the dev engine's command line and the dashboard. A first
// argument that is a subcommand goes to the CLI; --help and --version are
// answered without a display; anything else (nothing, an app folder or its
// wrangler.jsonc, GUI options) opens the dashboard: this process becomes
// switchyard-dashboard (dashboardLauncher.h), so the CLI loads no GUI libraries.
#include "cliCommon.h"
#include "core/startupTrace.h"
#include "dashboardLauncher.h"
#include "dashboardOptions.h"
#include "engineProcess.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>
#include <cstring>

namespace {

const char kUsage[] =
    "Usage: switchyard <command> [options]\n"
    "       switchyard [APP] [options]   (the dashboard; APP: a folder or its wrangler.jsonc)\n"
    "\n"
    "Commands:\n"
    "  serve [DIR]               Run the dev server for the app in DIR\n"
    "  test [DIR] [FILTER...]    Run the app's test files, each in its own isolate\n"
    "  graph [DIR] --env ENV     Print an environment's module graph (--json)\n"
    "  inspect FILE --env ENV    Show one module's resolution and transform (--json)\n"
    "  journal FILE              Print a journal's events (--json, --kind, --since, ...)\n"
    "\n"
    "Run `switchyard <command> --help` for a command's options.\n"
    "  --version                 Print the version\n";

bool isCliArgument(const char *arg)
{
    for (const char *command : {"serve", "test", "graph", "inspect", "journal"})
        if (std::strcmp(arg, command) == 0)
            return true;
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    sy::startupTrace::mark("main()");
    const bool isCommand = argc >= 2 && isCliArgument(argv[1]);
    if (!isCommand && !sy::app::wantsDashboardInfo(argc, argv)) {
        if (argc >= 2 && argv[1][0] != '-' && !QFileInfo::exists(QString::fromLocal8Bit(argv[1]))) {
            std::fprintf(stderr,
                         "switchyard: unknown command \"%s\" (and no such app folder or "
                         "file)\n\n%s",
                         argv[1], kUsage);
            return 2;
        }
        return sy::app::launchDashboard(argc, argv);
    }
    sy::app::EngineProcessScope scope;
    if (isCommand)
        sy::app::enableEngineDiskCaches();
    QCoreApplication app(argc, argv);
    // The dashboard's names too: the bundled example's writable copy is in the
    // same data folder (~/.local/share/Switchyard/switchyard) for both.
    QCoreApplication::setOrganizationName(QStringLiteral("Switchyard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchyard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SY_VERSION));
    if (!isCommand)
        return sy::app::printDashboardInfo(kUsage);
    QStringList args = QCoreApplication::arguments();
    const QString command = args.takeAt(1);
    args[0] = args[0] + QLatin1Char(' ') + command; // "switchyard graph" in --help output
    if (command == QLatin1String("graph"))
        return sy::cli::runGraph(args);
    if (command == QLatin1String("serve"))
        return sy::cli::runServe(args);
    if (command == QLatin1String("test"))
        return sy::cli::runTest(args);
    if (command == QLatin1String("inspect"))
        return sy::cli::runInspect(args);
    if (command == QLatin1String("journal"))
        return sy::cli::runJournal(args);
    std::fprintf(stderr, "switchyard: unknown command \"%s\"\n\n%s", qPrintable(command), kUsage);
    return 2;
}
