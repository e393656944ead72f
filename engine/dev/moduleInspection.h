#pragma once
// Everything the engine knows about one source file, per environment: what
// the module inspector shows and `switchyard inspect` prints. The idea of
// vite-plugin-inspect's module view, plus what it cannot show: the
// browserHash each optimized import baked in versus the current one, the
// bridged twin, and whether the worker's runner evaluated the current
// transform.
#include "js/evaluatedModule.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sy {

class DevSession;
enum class EnvironmentKind;

/// Transforms `file` in `environment` if needed (a transform error is
/// reported in the result, not thrown) and returns
/// {environment, file, id, url, conditions[], directives[], source, code,
///  etag, transformMs, invalidationState, imports[{specifier, id,
///  rewrittenTo, dynamic}], importers[], optimizedDeps{dep: {referenced,
///  current}}, stale, twin?, error?, runner?: {evaluated, transformHash,
///  evaluatedAt, current}} where `runner` compares `evaluated` (the worker
///  isolate's cache; pass nullptr when there is no isolate) with the graph.
/// Thread-safe (takes the environment's lock).
nlohmann::json inspectModule(DevSession &session, EnvironmentKind environment,
                             const std::string &file,
                             const std::vector<EvaluatedModule> *evaluated = nullptr);

/// inspectModule() for every environment whose graph holds `file` (or, when
/// none does yet, all three): {file, environments: [...]}.
nlohmann::json inspectModuleEverywhere(DevSession &session, const std::string &file,
                                       const std::vector<EvaluatedModule> *evaluated = nullptr);

} // namespace sy
