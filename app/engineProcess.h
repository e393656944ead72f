#pragma once
// What every engine process sets up, whichever executable it is: `switchyard` (the CLI) and
// `switchyard-dashboard` (the dashboard, which `switchyard` execs for no subcommand).

namespace sy::app {

/// Turns on the engine's disk caches: the V8 code cache (moduleCodeCache.h,
/// SWITCHYARD_CODE_CACHE=0 turns it off) and the transform cache (transformDiskCache.h,
/// SWITCHYARD_TRANSFORM_CACHE=0). Call at the start of main(), before any isolate exists.
void enableEngineDiskCaches();

/// Held by main(): on its way out, worker environments made ahead and never taken (serve's
/// first, test --watch's between runs) end, and the thread reading Node's built-ins' code
/// cache is joined, before the process's statics go.
struct EngineProcessScope {
    EngineProcessScope() = default;
    ~EngineProcessScope();
    EngineProcessScope(const EngineProcessScope &) = delete;
    EngineProcessScope &operator=(const EngineProcessScope &) = delete;
};

} // namespace sy::app
