#include "dev/devSession.h"
#include "env/environment.h"
#include "testing/mockHoisting.h"
#include "testing/serverActionCall.h"
#include "testing/testRunner.h"

#include <string_view>

namespace sy {

namespace embedded {
extern const std::string_view kVitestHarness;        // engine/js/testHarness (bundled)
extern const std::string_view kCloudflareTestModule; // js/cloudflareTest.js
extern const std::string_view kTestEntryModule;      // js/testEntry.js
extern const std::string_view kFetchMockModule;      // js/fetchMock (bundled)
} // namespace embedded

const char *const kTestEntryId = "virtual:switchyard:test-entry";

void installTestModules(DevSession &session)
{
    Environment &worker = session.worker();
    worker.addVirtualModule("virtual:switchyard:vitest", {"vitest"},
                            [] { return std::string(embedded::kVitestHarness); });
    worker.addVirtualModule("virtual:switchyard:cloudflare-test", {"cloudflare:test"},
                            [] { return std::string(embedded::kCloudflareTestModule); });
    worker.addVirtualModule("virtual:switchyard:fetch-mock", {},
                            [] { return std::string(embedded::kFetchMockModule); });
    worker.addVirtualModule(kTestEntryId, {},
                            [] { return std::string(embedded::kTestEntryModule); });
    // A config without `main`: as @cloudflare/vitest-pool-workers, the tests
    // run without a worker of their own and SELF / exports.default say why.
    worker.addVirtualModule(kNoMainEntryId, {}, [] {
        return std::string(
            "const message = \"Using SELF or exports.default requires `main` to be set to your "
            "worker's entrypoint (wrangler's `main`, or the Workers pool's `main` option): this "
            "project's config has none\";\n"
            "export default { async fetch() { throw new Error(message); } };\n");
    });
    installServerActionCall(session.ssr(), worker, session.project().framework);
    // vi.mock & co. move above the imports, as Vitest's `vitest:mocks` plugin does.
    worker.setSourceStep(mockHoistingStep(session.transforms(), worker.name()));
}

} // namespace sy
