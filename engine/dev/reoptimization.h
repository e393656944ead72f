#pragma once
// Re-optimizing the environments that met new dependencies mid-session (the
// hot updater's step 4). Each environment first tries an additive run
// (optimizer/additiveRun.h), in parallel and while requests in flight go on:
// it changes no bundle they use. The environments where that is not possible
// or not safe then wait for the requests in flight to finish on the old
// generation (`drain`) and run full, in parallel, since a full run replaces
// the bundles those requests read.
#include "optimizer/optimizerRun.h"
#include "resolve/environment.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sy {

class DevSession;

/// One environment's run and the deps it was asked for.
struct EnvironmentRun {
    EnvironmentKind kind;
    std::vector<std::string> names; ///< the specifiers that triggered it (empty: lockfile)
    OptimizerRun run;
};

/// Runs `missing` (environment -> specifier -> entry; an empty map re-bundles
/// after a lockfile change) as described above; `drain` is called at most once,
/// before the first full run. Returns the runs in environment order.
std::vector<EnvironmentRun>
reoptimizeEnvironments(DevSession &session,
                       const std::map<EnvironmentKind, std::map<std::string, std::string>> &missing,
                       const std::function<void()> &drain);

} // namespace sy
