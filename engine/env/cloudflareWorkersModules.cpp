#include "env/cloudflareWorkersModules.h"

#include "env/embeddedModules.h"
#include "env/environment.h"

namespace sy {

void addCloudflareWorkersModules(Environment &environment)
{
    environment.addVirtualModule(std::string(kCloudflareWorkersId), {"cloudflare:workers"},
                                 [] { return std::string(embedded::kCloudflareWorkersModule); });
    environment.addVirtualModule("virtual:switchyard:worker-rpc", {},
                                 [] { return std::string(embedded::kWorkerRpcModule); });
    environment.addVirtualModule("virtual:switchyard:rpc-stubs", {},
                                 [] { return std::string(embedded::kRpcStubsModule); });
    environment.addVirtualModule("virtual:switchyard:worker-events", {},
                                 [] { return std::string(embedded::kWorkerEventsModule); });
}

} // namespace sy
