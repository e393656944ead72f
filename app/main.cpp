// switchyard: the dev engine's command line and the dashboard. A first
// argument that is a subcommand goes to the CLI; --help and --version are
// answered without a display; anything else (nothing, an app folder or its
// wrangler.jsonc, GUI options) opens the dashboard.
#include "cliCommon.h"
#include "core/startupTrace.h"
#include "dashboardOptions.h"
#include "guiMain.h"
#include "js/moduleCodeCache.h"
#include "js/nodeBuiltinCodeCache.h"
#include "js/transformDiskCache.h"
#include "js/workerIsolate.h"

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
    // Worker environments made ahead and never taken (serve's first, test --watch's between
    // runs) end before the process's statics do, whatever the command returns.
    struct AheadEnvironments {
        ~AheadEnvironments()
        {
            sy::WorkerIsolate::discardEnvironmentsAhead();
            sy::nodeBuiltinCodeCache::finishAhead(); // a command may return before it is done
        }
    } aheadEnvironments;
    const bool isCommand = argc >= 2 && isCliArgument(argv[1]);
    // V8 bytecode of the bundles and modules earlier runs compiled
    // (moduleCodeCache.h); SWITCHYARD_CODE_CACHE=0 turns it off.
    if (isCommand || !sy::app::wantsDashboardInfo(argc, argv)) {
        sy::ModuleCodeCache::instance().enableDisk(sy::ModuleCodeCache::defaultDiskDirectory());
        // What sucrase and React Refresh made of unchanged files (transformDiskCache.h);
        // SWITCHYARD_TRANSFORM_CACHE=0 turns it off.
        sy::TransformDiskCache::instance().enable(sy::TransformDiskCache::defaultDirectory());
    }
    if (!isCommand && !sy::app::wantsDashboardInfo(argc, argv)) {
        if (argc >= 2 && argv[1][0] != '-' && !QFileInfo::exists(QString::fromLocal8Bit(argv[1]))) {
            std::fprintf(stderr,
                         "switchyard: unknown command \"%s\" (and no such app folder or "
                         "file)\n\n%s",
                         argv[1], kUsage);
            return 2;
        }
        return sy::app::runGui(argc, argv);
    }
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
