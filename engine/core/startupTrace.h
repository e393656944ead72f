#pragma once
// Where a start's time goes: with SWITCHYARD_TRACE_STARTUP set (any value but
// "0"), each phase of `switchyard serve`'s start (project and vite.config,
// caches, the directive scan, each environment's crawl and optimizer run, the
// worker isolate, the first request; and each hot update's phases, "update: ...")
// prints one stderr line
//   [startup] +<ms since the process started> <phase> (<ms the phase took>)
// Milliseconds since the process started come from the kernel's start time of
// the process (/proc/self/stat), so exec, the dynamic loader and static
// initialisers count too. Off (the default), a mark costs one branch.
#include <string>
#include <string_view>

namespace sy::startupTrace {

/// True when SWITCHYARD_TRACE_STARTUP asks for the trace (read once).
bool enabled();

/// Milliseconds since the kernel started this process (clock-tick resolution,
/// 10 ms on most kernels, refined by a steady clock from the first call on).
double sinceProcessStartMs();

/// Prints `[startup] +T phase (took ms)` when enabled; `tookMs` < 0 prints no
/// duration. Thread-safe (one fprintf per line).
void mark(std::string_view phase, double tookMs = -1);

/// Marks `phase` with its duration when it goes out of scope.
class Scope {
public:
    explicit Scope(std::string phase);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

private:
    std::string m_phase;
    double m_startMs = 0;
};

} // namespace sy::startupTrace
