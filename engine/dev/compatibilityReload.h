#pragma once
// A change of the app's wrangler config while serving, as far as the module
// system depends on it: its Node.js compatibility (compatibility_date,
// compatibility_flags). wrangler restarts workerd when its config changes;
// here every environment resolves its imports anew and the worker isolate
// restarts with the new globals (Buffer, process), so adding "nodejs_compat"
// heals a page that failed for want of it, without restarting the server.
#include "env/nodeCompat.h"

#include <string>

namespace sy {

class DevSession;
class WorkerIsolate;

struct CompatibilityReload {
    bool changed = false; ///< the Node.js compatibility differs from before
    std::string error;    ///< the config could not be read (nothing changed)
    NodeCompat before, after;
};

/// Re-reads the Node.js compatibility of `session`'s app. When it changed:
/// every environment gets it (Environment::setNodeCompat) and drops its
/// graph, and `worker` restarts with the new globals. Main/updater thread,
/// with the request gate closed.
CompatibilityReload reloadCompatibility(DevSession &session, WorkerIsolate &worker);

} // namespace sy
