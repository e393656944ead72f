#include "dev/compatibilityReload.h"

#include "dev/devSession.h"
#include "env/environment.h"
#include "env/projectConfig.h"
#include "js/workerIsolate.h"

namespace sy {

CompatibilityReload reloadCompatibility(DevSession &session, WorkerIsolate &worker)
{
    CompatibilityReload out;
    out.before = session.worker().nodeCompat();
    if (!loadNodeCompat(session.project().root, out.after, out.error,
                        session.project().cloudflareEnv))
        return out;
    if (out.after == out.before)
        return out;
    out.changed = true;
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
        Environment &env = session.environment(kind);
        env.setNodeCompat(out.after);
        env.resetGraph(); // every import resolves again under the new rules
    }
    worker.restart("wrangler config changed (Node.js compatibility " +
                       std::string(out.before.modeName()) + " -> " +
                       std::string(out.after.modeName()) + ")",
                   out.after.globals());
    return out;
}

} // namespace sy
