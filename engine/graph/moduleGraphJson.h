#pragma once
// JSON views of a module graph, for `switchyard graph --json` and tests.
#include <nlohmann/json_fwd.hpp>

namespace sy {

class ModuleGraph;
struct ModuleNode;

/// True when the node's transform references an optimized dependency under
/// a browserHash other than the one that dependency node now carries (the
/// "stale ?v=" bug class of RedwoodSDK's dev server, seed 003).
bool isStale(const ModuleGraph &graph, const ModuleNode &node);

/// One node: {environment,id,url,file,type,virtual,twin,directives,importers,
/// imports,invalidationState,lastInvalidationTimestamp,optimizedBrowserHash,
/// stale,role?,displayName? (a framework module: moduleRoleName, and the name
/// people know it by), directiveTransform (directiveTransformName, or null),
/// directiveTransformReason? ("directive", "forceClientPaths", "forceServerPaths"),
/// transform:{etag,deps,dynamicDeps,optimizedDeps{id:hash},transformMs}|null}.
nlohmann::json moduleNodeToJson(const ModuleGraph &graph, const ModuleNode &node);

/// {environment, moduleCount, modules:[node...]} in insertion order.
nlohmann::json moduleGraphToJson(const ModuleGraph &graph);

} // namespace sy
