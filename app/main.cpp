// switchyard: the dev engine's command line and the dashboard. A first
// argument that is a subcommand (or --help) goes to the CLI; anything else
// (nothing, an app folder, GUI options) opens the dashboard.
#include "cliCommon.h"
#include "guiMain.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace {

const char kUsage[] =
    "Usage: switchyard <command> [options]\n"
    "       switchyard [DIR] [--screenshot FILE.png]   (the dashboard)\n"
    "\n"
    "Commands:\n"
    "  serve [DIR]               Run the dev server for the app in DIR\n"
    "  test [DIR] [FILTER...]    Run the app's test files, each in its own isolate\n"
    "  graph [DIR] --env ENV     Print an environment's module graph (--json)\n"
    "  inspect FILE --env ENV    Show one module's resolution and transform (--json)\n"
    "  journal FILE              Print a journal's events (--json, --kind, --since, ...)\n"
    "\n"
    "Run `switchyard <command> --help` for a command's options.\n";

bool isCliArgument(const char *arg)
{
    for (const char *command : {"serve", "test", "graph", "inspect", "journal", "--help", "-h"})
        if (std::strcmp(arg, command) == 0)
            return true;
    return false;
}

bool isDirectory(const char *path)
{
    struct stat info;
    return ::stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2 || !isCliArgument(argv[1])) {
        if (argc >= 2 && argv[1][0] != '-' && !isDirectory(argv[1])) {
            std::fprintf(stderr,
                         "switchyard: unknown command \"%s\" (and no such app folder)\n\n%s",
                         argv[1], kUsage);
            return 2;
        }
        return sy::app::runGui(argc, argv);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchyard"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        std::fputs(kUsage, args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
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
