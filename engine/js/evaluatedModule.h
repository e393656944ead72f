#pragma once
// One entry of a module runner's evaluated-module cache (observable state).
#include <cstdint>
#include <string>
#include <vector>

namespace sy {

/// Models an entry of Vite ModuleRunner's evaluated-module cache (the runner
/// inside the worker isolate), which is separate from the server's module graph.
struct EvaluatedModule {
    std::string id;
    std::string transformHash;          ///< hash of the transform result that was evaluated
    int64_t evaluatedAt = 0;            ///< ms since the Unix epoch when evaluation started
    std::vector<std::string> importers; ///< ids of cached modules that import this one (sorted)
    std::vector<std::string> imports;   ///< ids this module imports statically (source order)
    /// ids this module's code has imported with import() so far (sorted). Like
    /// static imports they tie it to them: invalidating one drops this module
    /// too, since it may hold what the import returned (a memo of namespaces).
    std::vector<std::string> dynamicImports;
    std::string status; ///< "linked", "evaluating", "evaluated" or "errored"
};

} // namespace sy
