#pragma once
// An optimizer run as the journal's `optimizer-run` event data (what
// `switchyard journal`, the timeline and the e2e tests read).
#include "optimizer/optimizerRun.h"

#include <nlohmann/json_fwd.hpp>

namespace sy {

/// {trigger, kind ("full" | "additive"), kindReason, depsAdded[], depsChanged[],
/// oldBrowserHash, newBrowserHash, durationMs, outcome, error, failedDeps{}}.
nlohmann::json optimizerRunJson(const OptimizerRun &run);

/// "committed (additive)", "failed (full)", "reused-cache": the outcome, with the
/// kind when the run bundled something.
std::string optimizerRunOutcomeLabel(const OptimizerRun &run);

} // namespace sy
