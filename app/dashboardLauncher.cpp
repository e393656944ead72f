#include "dashboardLauncher.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace sy::app {

int launchDashboard(int argc, char *argv[])
{
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dashboard;
    if (n > 0) {
        self[n] = '\0';
        dashboard = self;
        dashboard = dashboard.substr(0, dashboard.rfind('/') + 1) + "switchyard-dashboard";
    }
    std::vector<char *> args(argv, argv + argc);
    args.push_back(nullptr);
    if (!dashboard.empty())
        ::execv(dashboard.c_str(), args.data());
    std::fprintf(stderr, "switchyard: cannot start the dashboard (%s): %s\n",
                 dashboard.empty() ? "switchyard-dashboard" : dashboard.c_str(),
                 std::strerror(n > 0 ? errno : ENOENT));
    return 2;
}

} // namespace sy::app
