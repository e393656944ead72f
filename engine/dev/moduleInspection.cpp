#include "dev/moduleInspection.h"

#include "core/fileBytes.h"
#include "dev/devSession.h"
#include "graph/moduleGraphJson.h"

#include <nlohmann/json.hpp>

namespace sy {

namespace {

const EvaluatedModule *findEvaluated(const std::vector<EvaluatedModule> &evaluated,
                                     const std::string &id)
{
    for (const EvaluatedModule &m : evaluated)
        if (m.id == id || m.id.rfind(id + "?", 0) == 0)
            return &m;
    return nullptr;
}

/// The browserHash the pre-bundle `dep` (a file id, maybe with ?v=) has now:
/// its optimizer's metadata (any environment's: a bridged worker module
/// imports the ssr's pre-bundles), else what its graph node was served with
/// (`served`). The node keeps its hash until the bundle is fetched again,
/// which after an optimizer run may be long after the run committed.
std::string currentBrowserHash(DevSession &session, const std::string &dep,
                               const std::string &served)
{
    const std::string file = dep.substr(0, dep.find('?'));
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker})
        if (auto info = session.environment(kind).optimizer().lookupByFile(file))
            return info->browserHash;
    return served;
}

} // namespace

nlohmann::json inspectModule(DevSession &session, EnvironmentKind kind, const std::string &file,
                             const std::vector<EvaluatedModule> *evaluated)
{
    Environment &env = session.environment(kind);
    nlohmann::json out{{"environment", std::string(environmentName(kind))},
                       {"file", file},
                       {"conditions", env.resolver().options().conditions},
                       {"source", readFileBytes(file)}};
    const FetchedModule fetched = env.fetchModule(file, {});
    if (!fetched.ok)
        out["error"] = fetched.error;
    env.withGraph([&](ModuleGraph &graph) {
        const ModuleNode *node = graph.moduleById(file);
        if (!node)
            return;
        nlohmann::json j = moduleNodeToJson(graph, *node);
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!out.contains(it.key()))
                out[it.key()] = it.value();
        if (node->transformResult) {
            const TransformResult &t = *node->transformResult;
            out["code"] = t.code;
            out["etag"] = t.etag;
            out["transformMs"] = t.transformMs;
            out["imports"] = j["transform"]["imports"];
            nlohmann::json deps = nlohmann::json::object();
            for (const auto &[dep, hash] : t.optimizedDeps) {
                const ModuleNode *d = graph.moduleById(dep);
                // "current" is looked up below, outside the graph's lock.
                deps[dep] = {{"referenced", hash},
                             {"current", d ? d->optimizedBrowserHash : std::string()}};
            }
            out["optimizedDeps"] = deps;
        }
        out.erase("transform");
        if (evaluated && kind == EnvironmentKind::Worker) {
            const EvaluatedModule *m = findEvaluated(*evaluated, file);
            out["runner"] = {{"evaluated", m != nullptr},
                             {"transformHash", m ? m->transformHash : std::string()},
                             {"evaluatedAt", m ? m->evaluatedAt : 0},
                             {"current", m && node->transformResult &&
                                             m->transformHash == node->transformResult->etag}};
        }
    });
    if (out.contains("optimizedDeps"))
        for (auto &[dep, hashes] : out["optimizedDeps"].items())
            hashes["current"] =
                currentBrowserHash(session, dep, hashes["current"].get<std::string>());
    return out;
}

nlohmann::json inspectModuleEverywhere(DevSession &session, const std::string &file,
                                       const std::vector<EvaluatedModule> *evaluated)
{
    nlohmann::json environments = nlohmann::json::array();
    std::vector<EnvironmentKind> holding;
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
        bool has = false;
        session.environment(kind).withGraph(
            [&](ModuleGraph &graph) { has = graph.moduleById(file) != nullptr; });
        if (has)
            holding.push_back(kind);
    }
    if (holding.empty())
        holding = {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker};
    for (EnvironmentKind kind : holding)
        environments.push_back(inspectModule(session, kind, file, evaluated));
    return {{"file", file}, {"environments", environments}};
}

} // namespace sy
