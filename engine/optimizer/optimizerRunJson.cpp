#include "optimizer/optimizerRunJson.h"

#include <nlohmann/json.hpp>

namespace sy {

nlohmann::json optimizerRunJson(const OptimizerRun &run)
{
    return nlohmann::json{{"trigger", run.trigger},
                          {"kind", std::string(optimizerRunKindName(run.kind))},
                          {"kindReason", run.kindReason},
                          {"depsAdded", run.depsAdded},
                          {"depsChanged", run.depsChanged},
                          {"bundles", run.bundles},
                          {"oldBrowserHash", run.oldBrowserHash},
                          {"newBrowserHash", run.newBrowserHash},
                          {"durationMs", run.durationMs},
                          {"outcome", std::string(optimizerOutcomeName(run.outcome))},
                          {"error", run.error},
                          {"failedDeps", run.failedDeps}};
}

std::string optimizerRunOutcomeLabel(const OptimizerRun &run)
{
    std::string label(optimizerOutcomeName(run.outcome));
    if (run.outcome != OptimizerOutcome::ReusedCache)
        label += " (" + std::string(optimizerRunKindName(run.kind)) + ")";
    return label;
}

} // namespace sy
