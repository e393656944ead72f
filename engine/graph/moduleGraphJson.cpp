#include "graph/moduleGraphJson.h"

#include "graph/moduleGraph.h"

#include <nlohmann/json.hpp>

namespace sy {

bool isStale(const ModuleGraph &graph, const ModuleNode &node)
{
    if (!node.transformResult)
        return false;
    for (const auto &[depId, hash] : node.transformResult->optimizedDeps) {
        const ModuleNode *dep = graph.moduleById(depId);
        if (dep && !dep->optimizedBrowserHash.empty() && dep->optimizedBrowserHash != hash)
            return true;
    }
    return false;
}

nlohmann::json moduleNodeToJson(const ModuleGraph &graph, const ModuleNode &node)
{
    nlohmann::json j{
        {"environment", node.environment},
        {"id", node.id},
        {"url", node.url},
        {"file", node.file},
        {"type", std::string(moduleTypeName(node.type))},
        {"virtual", node.isVirtual},
        {"importers", node.importers},
        {"imports", node.importedModules},
        {"directives", node.directives},
        {"invalidationState", std::string(invalidationStateName(node.invalidationState))},
        {"lastInvalidationTimestamp", node.lastInvalidationTimestamp},
        {"stale", isStale(graph, node)},
    };
    if (!node.twinId.empty())
        j["twin"] = node.twinId;
    if (node.role != ModuleRole::None) {
        j["role"] = std::string(moduleRoleName(node.role));
        j["displayName"] = node.displayName;
    }
    if (node.directiveTransform != DirectiveTransform::None) {
        j["directiveTransform"] = std::string(directiveTransformName(node.directiveTransform));
        j["directiveTransformReason"] = node.directiveTransformReason;
    } else {
        j["directiveTransform"] = nullptr;
    }
    if (!node.optimizedBrowserHash.empty())
        j["optimizedBrowserHash"] = node.optimizedBrowserHash;
    if (node.transformResult) {
        const TransformResult &t = *node.transformResult;
        nlohmann::json imports = nlohmann::json::array();
        for (const ResolvedImport &imp : t.imports)
            imports.push_back({{"specifier", imp.specifier},
                               {"id", imp.id},
                               {"rewrittenTo", imp.rewrittenTo},
                               {"dynamic", imp.dynamic}});
        j["transform"] = {{"etag", t.etag},
                          {"imports", std::move(imports)},
                          {"deps", t.deps},
                          {"dynamicDeps", t.dynamicDeps},
                          {"optimizedDeps", t.optimizedDeps},
                          {"transformMs", t.transformMs}};
    } else {
        j["transform"] = nullptr;
    }
    return j;
}

nlohmann::json moduleGraphToJson(const ModuleGraph &graph)
{
    nlohmann::json modules = nlohmann::json::array();
    for (const ModuleNode *node : graph.modules())
        modules.push_back(moduleNodeToJson(graph, *node));
    return {{"environment", graph.environment()},
            {"moduleCount", graph.size()},
            {"modules", std::move(modules)}};
}

} // namespace sy
