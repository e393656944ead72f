#pragma once
// One optimizer run: the unit the journal and the timeline show. A run has a
// start (bundling into a staging folder), a commit (the staging folder
// atomically replaces deps_<env>, the metadata moves on) and an outcome.
// Re-optimization (the next issue) gates requests between start and commit.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sy {

enum class OptimizerOutcome { Running, Committed, ReusedCache, Failed };

/// What a run bundled: every dep of the environment into a new cache folder
/// (Full, as Vite's optimizer does), or only the new deps beside the existing
/// bundles, which stay as they are (Additive: additiveRun.h).
enum class OptimizerRunKind { Full, Additive };

struct OptimizerRun {
    int64_t id = 0;
    std::string environment;
    std::string trigger;                  ///< "initial scan", "discovered react-dom/client", ...
    std::vector<std::string> depsAdded;   ///< ids new in this run
    std::vector<std::string> depsChanged; ///< ids whose fileHash or interop changed
    /// The pre-bundle files (absolute paths) a committed run wrote for
    /// depsAdded and depsChanged: the modules it touched (the dashboard's
    /// "what changed" selects them). Empty for other outcomes.
    std::vector<std::string> bundles;
    std::string oldBrowserHash;
    std::string newBrowserHash;
    int64_t startedAtMs = 0;   ///< ms since epoch
    int64_t committedAtMs = 0; ///< ms since epoch, 0 while running / failed
    double durationMs = 0;
    OptimizerOutcome outcome = OptimizerOutcome::Running;
    std::string error; ///< why the run failed (Failed), else empty
    /// Deps esbuild could not bundle (id -> esbuild's message), left out of
    /// the run: a Committed run bundled the others without them.
    std::map<std::string, std::string> failedDeps;
    OptimizerRunKind kind = OptimizerRunKind::Full;
    /// For a Full run that added deps: why it could not be additive (e.g. "the
    /// new dep requires an optimized package"); empty for an Additive run.
    std::string kindReason;
};

std::string_view optimizerOutcomeName(OptimizerOutcome);
/// "full" | "additive" (the journal's optimizer-run `kind`).
std::string_view optimizerRunKindName(OptimizerRunKind);

} // namespace sy
