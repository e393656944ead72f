// switchyard-dashboard: the dashboard's own executable, so that the command line
// (`switchyard test`, `serve`, ...) loads no Qt Widgets, Qt Gui or their ~30 libraries
// (~15 ms of every start here). `switchyard` without a subcommand execs it
// (dashboardLauncher.h); it takes the same arguments.
#include "core/startupTrace.h"
#include "engineProcess.h"
#include "guiMain.h"

int main(int argc, char *argv[])
{
    sy::startupTrace::mark("main()");
    sy::app::EngineProcessScope scope;
    sy::app::enableEngineDiskCaches();
    return sy::app::runGui(argc, argv);
}
