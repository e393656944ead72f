#include "resolve/resolveOptions.h"

namespace sy {

ResolveOptions resolveOptionsFor(EnvironmentKind kind)
{
    ResolveOptions o;
    switch (kind) {
    case EnvironmentKind::Client:
        o.conditions = {"browser", "import", "module", "development", "default"};
        o.mainFields = {"browser", "module", "main"};
        o.browserField = true;
        break;
    case EnvironmentKind::Ssr:
        o.conditions = {"workerd", "worker", "import", "module", "development", "default"};
        o.mainFields = {"module", "main"};
        break;
    case EnvironmentKind::Worker:
        o.conditions = {"react-server", "workerd",     "worker", "import",
                        "module",       "development", "default"};
        o.mainFields = {"module", "main"};
        break;
    }
    return o;
}

} // namespace sy
