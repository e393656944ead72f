// The environment's module graph upkeep (engine/env/environment.h): the
// crawl and scan mode of start-up, graph snapshots, and every kind of
// invalidation (files, hot updates, config files, generations, orphans).
// The transform pipeline itself is in environment.cpp.
#include "env/environment.h"

#include "env/envFiles.h"
#include "env/importMetaEnv.h"
#include "env/moduleQuery.h"
#include "env/projectConfig.h"
#include "graph/moduleGraphJson.h"

#include <QDateTime>
#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

namespace sy {

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

std::pair<std::string, std::string> splitQuery(const std::string &id)
{
    return splitModuleId(id);
}

} // namespace

std::vector<ModuleError> Environment::crawl(const std::vector<std::string> &entries)
{
    std::lock_guard lock(m_mutex);
    std::vector<ModuleError> errors;
    std::deque<std::string> queue(entries.begin(), entries.end());
    std::unordered_set<std::string> seen(entries.begin(), entries.end());
    while (!queue.empty()) {
        const std::string id = queue.front();
        queue.pop_front();
        // A node that still holds its transform needs no work (and no copy
        // of its code: pre-bundles are megabytes).
        const ModuleNode *cached = m_graph.moduleById(splitQuery(id).first);
        if (!cached || !cached->transformResult) {
            const Transformed t = transformLocked(id);
            if (!t.ok) {
                errors.push_back({t.error, t.errorFile, t.errorLine, t.errorColumn});
                continue;
            }
        }
        const ModuleNode *node = m_graph.moduleById(splitQuery(id).first);
        if (!node || !node->transformResult)
            continue;
        auto visit = [&](const std::string &dep) {
            // A scan placeholder points into node_modules (or at a linked
            // CommonJS package's entry): not ours to crawl.
            if (m_scanning &&
                (dep.find("/node_modules/") != std::string::npos ||
                 std::any_of(m_missingDeps.begin(), m_missingDeps.end(),
                             [&](const auto &missing) { return missing.second == dep; })))
                return;
            if (seen.insert(dep).second)
                queue.push_back(dep);
        };
        for (const std::string &dep : node->transformResult->deps)
            visit(dep);
        for (const std::string &dep : node->transformResult->dynamicDeps)
            visit(dep);
    }
    return errors;
}

void Environment::setScanning(bool scanning)
{
    std::lock_guard lock(m_mutex);
    m_scanning = scanning;
}

OptimizerRun Environment::commitScan()
{
    std::lock_guard lock(m_mutex);
    m_scanning = false;
    std::map<std::string, std::string> missing = std::move(m_missingDeps);
    m_missingDeps.clear();
    missing.merge(missingIncludedDeps()); // the framework's optimizeDeps.include
    // A start meeting new deps bundles them all anew (consolidating what
    // additive runs of the last session added).
    OptimizerRun run = m_optimizer.optimize(missing, "initial scan", OptimizerRunPolicy::Full);
    if (!missing.empty())
        resetGraph(); // the scan's transforms point at placeholders
    return run;
}

nlohmann::json Environment::graphJson()
{
    std::lock_guard lock(m_mutex);
    nlohmann::json j = moduleGraphToJson(m_graph);
    const DepsMetadata meta = m_optimizer.metadata();
    nlohmann::json optimized = nlohmann::json::object();
    for (const auto &[id, info] : meta.optimized)
        optimized[id] = {{"file", info.file},
                         {"src", info.src},
                         {"browserHash", info.browserHash},
                         {"fileHash", info.fileHash},
                         {"needsInterop", info.needsInterop}};
    j["optimizer"] = {{"hash", meta.hash},
                      {"browserHash", meta.browserHash},
                      {"cacheDir", m_optimizer.config().cacheDir},
                      {"optimized", optimized}};
    return j;
}

void Environment::withGraph(const std::function<void(ModuleGraph &)> &fn)
{
    std::lock_guard lock(m_mutex);
    fn(m_graph);
}

std::vector<std::string> Environment::invalidateFile(const std::string &file,
                                                     const std::string &cause)
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> ids;
    const int64_t now = nowMs();
    for (ModuleNode *node : m_graph.modulesByFile(file)) {
        m_graph.invalidateModule(*node, now, cause);
        ids.push_back(node->id);
    }
    if (m_kind == EnvironmentKind::Worker) {
        if (ModuleNode *twin = m_graph.moduleById(std::string(kSsrVirtualPrefix) + file)) {
            m_graph.invalidateModule(*twin, now, cause);
            ids.push_back(twin->id);
        }
    }
    for (std::string &id : invalidateStylesheetDependents(file, cause, now))
        ids.push_back(std::move(id));
    return ids;
}

std::vector<std::string> Environment::markHotUpdated(const std::vector<std::string> &ids,
                                                     int64_t timestampMs)
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> marked;
    std::set<std::string> seen;
    std::deque<std::string> queue(ids.begin(), ids.end());
    while (!queue.empty()) {
        const std::string id = queue.front();
        queue.pop_front();
        ModuleNode *node = m_graph.moduleById(id);
        if (!node || !seen.insert(id).second)
            continue;
        // A pre-bundle (or its chunk) is the same code for its browserHash's life: imported
        // again with ?t= it would be a second instance of its packages beside the page's
        // (react-dom, rwsdk's client setting __webpack_require__ anew, whose memoized module
        // promises React's flight client relies on). Vite stamps it like any importer (a
        // pre-bundle importing rwsdk's use-client lookup); here the marks stop there. What
        // it imports changes only with a directive, which reloads the page.
        if (m_optimizer.isPrebundleFile(id))
            continue;
        node->lastHmrTimestamp = timestampMs;
        marked.push_back(id);
        for (const std::string &importerId : node->importers)
            if (const ModuleNode *importer = m_graph.moduleById(importerId);
                importer && !importer->acceptedHmrDeps.count(id))
                queue.push_back(importerId);
    }
    // A changed module keeps the transform the update just made unless it imports one of the
    // marked modules (a cycle): its code names none of the new timestamps, and the browser
    // re-importing it then gets it without a second transform (React Fast Refresh's Babel
    // pass included). Every other marked module imports a changed one: transformed again.
    const std::set<std::string> changed(ids.begin(), ids.end());
    for (const std::string &id : marked) {
        ModuleNode *node = m_graph.moduleById(id);
        bool keep = changed.count(id) && node->transformResult;
        if (keep) {
            for (const auto *deps :
                 {&node->transformResult->deps, &node->transformResult->dynamicDeps})
                for (const std::string &dep : *deps)
                    keep = keep && !seen.count(dep);
        }
        if (!keep)
            m_graph.invalidateModule(*node, timestampMs,
                                     "hot update " + std::to_string(timestampMs));
    }
    return marked;
}

bool Environment::invalidateModule(const std::string &id, const std::string &cause)
{
    std::lock_guard lock(m_mutex);
    ModuleNode *node = m_graph.moduleById(id);
    return node && m_graph.invalidateModule(*node, nowMs(), cause);
}

std::vector<std::string> Environment::modulesDependingOn(const std::string &file)
{
    std::lock_guard lock(m_mutex);
    return m_configDependents.modulesDependingOn(file);
}

bool Environment::invalidateTsconfig(const std::string &file)
{
    std::lock_guard lock(m_mutex);
    return m_resolver.invalidateTsconfig(file);
}

bool Environment::reloadImportMetaEnv()
{
    const std::map<std::string, std::string> processEnv = processEnvironment();
    auto nodeEnv = processEnv.find("NODE_ENV");
    const bool production = nodeEnv != processEnv.end() && nodeEnv->second == "production";
    std::string json = sy::importMetaEnvJson(
        loadViteEnv(m_project.root, m_project.mode, processEnv, nullptr, m_project.vite.envPrefix),
        m_project.mode, m_kind != EnvironmentKind::Client, production);
    // What the framework's plugin defines (rwsdk: RWSDK_ENV, VITE_IS_DEV_SERVER).
    if (auto extra = m_project.framework.importMetaEnv.find(m_kind);
        extra != m_project.framework.importMetaEnv.end() && !extra->second.empty()) {
        nlohmann::json env = nlohmann::json::parse(json);
        for (const auto &[key, value] : extra->second)
            if (!env.contains(key))
                env[key] = nlohmann::json::parse(value);
        json = env.dump();
    }
    // vite.config's base and import.meta.env.* defines. Keep it last: a define
    // whose value is an expression makes the text JavaScript, not JSON.
    json = withViteConfigEnv(json, m_project.vite.base, m_project.vite.define);
    std::lock_guard lock(m_mutex);
    if (json == m_importMetaEnv)
        return false;
    m_importMetaEnv = std::move(json);
    return true;
}

std::string Environment::importMetaEnvJson()
{
    std::lock_guard lock(m_mutex);
    return m_importMetaEnv;
}

void Environment::clearResolverCache()
{
    std::lock_guard lock(m_mutex);
    m_resolver.clearCache();
}

void Environment::resetGraph()
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> ids;
    for (const ModuleNode *node : m_graph.modules())
        ids.push_back(node->id);
    for (const std::string &id : ids)
        m_graph.removeModule(id);
    m_configDependents.clear();
}

std::vector<std::string> Environment::invalidateBridgedNodes(const std::string &cause)
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> ids;
    const int64_t now = nowMs();
    for (const ModuleNode *node : m_graph.modules())
        if (startsWith(node->id, kSsrVirtualPrefix))
            ids.push_back(node->id);
    for (const std::string &id : ids)
        m_graph.invalidateModule(*m_graph.moduleById(id), now, cause);
    return ids;
}

std::vector<std::string> Environment::pruneOrphans()
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> pruned;
    for (bool again = true; again;) {
        again = false;
        std::vector<std::string> ids;
        for (const ModuleNode *node : m_graph.modules())
            if (!node->transformResult && node->importers.empty())
                ids.push_back(node->id);
        for (const std::string &id : ids) {
            m_graph.removeModule(id);
            pruned.push_back(id);
            again = true;
        }
    }
    return pruned;
}

std::optional<OptimizerRun>
Environment::reoptimizeAdditively(const std::map<std::string, std::string> &deps,
                                  const std::string &trigger, std::string &why)
{
    // No graph change, and the optimizer locks itself: transforms go on meanwhile.
    return m_optimizer.optimizeAdditively(deps, trigger, why);
}

OptimizerRun Environment::reoptimize(const std::map<std::string, std::string> &deps,
                                     const std::string &trigger, OptimizerRunPolicy policy,
                                     const std::string &fullReason)
{
    std::lock_guard lock(m_mutex);
    OptimizerRun run = m_optimizer.optimize(deps, trigger, policy, fullReason);
    // An additive run changed no existing bundle: the graph's transforms stand
    // (the modules that met the new deps failed and are transformed again).
    if (run.outcome == OptimizerOutcome::Committed && run.kind == OptimizerRunKind::Full)
        resetGraph();
    return run;
}

} // namespace sy
