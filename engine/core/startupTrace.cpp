#include "core/startupTrace.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>

namespace sy::startupTrace {

namespace {

/// The process's age in ms when first asked: /proc/uptime minus field 22 of
/// /proc/self/stat (start time in clock ticks after boot).
double processAgeAtFirstCallMs()
{
    std::ifstream statFile("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
    std::ifstream uptimeFile("/proc/uptime");
    double uptimeSeconds = 0;
    uptimeFile >> uptimeSeconds;
    // The command name (field 2) may hold spaces: count fields after its ')'.
    const size_t close = stat.rfind(')');
    if (close == std::string::npos || uptimeSeconds <= 0)
        return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 22) {
            const double ticks = std::strtod(field.c_str(), nullptr);
            const double hz = double(sysconf(_SC_CLK_TCK));
            return hz > 0 ? (uptimeSeconds - ticks / hz) * 1000.0 : 0;
        }
    }
    return 0;
}

struct Origin {
    std::chrono::steady_clock::time_point at = std::chrono::steady_clock::now();
    double ageMs = processAgeAtFirstCallMs();
};

const Origin &origin()
{
    static const Origin o;
    return o;
}

} // namespace

bool enabled()
{
    static const bool on = [] {
        const char *value = std::getenv("SWITCHYARD_TRACE_STARTUP");
        return value && *value && std::strcmp(value, "0") != 0;
    }();
    return on;
}

double sinceProcessStartMs()
{
    const Origin &o = origin();
    return o.ageMs +
           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - o.at)
               .count();
}

void mark(std::string_view phase, double tookMs)
{
    if (!enabled())
        return;
    const double now = sinceProcessStartMs();
    if (tookMs >= 0)
        std::fprintf(stderr, "[startup] +%.0f %.*s (%.0f ms)\n", now, int(phase.size()),
                     phase.data(), tookMs);
    else
        std::fprintf(stderr, "[startup] +%.0f %.*s\n", now, int(phase.size()), phase.data());
}

Scope::Scope(std::string phase) : m_phase(std::move(phase))
{
    if (enabled())
        m_startMs = sinceProcessStartMs();
}

Scope::~Scope()
{
    if (enabled())
        mark(m_phase, sinceProcessStartMs() - m_startMs);
}

} // namespace sy::startupTrace
