#include "dev/hotUpdater.h"

#include "core/jsonText.h"
#include "core/startupTrace.h"
#include "dev/compatibilityReload.h"

#include "dev/configChanges.h"
#include "dev/devSession.h"
#include "dev/modifiedFileWait.h"
#include "dev/reoptimization.h"
#include "dev/requestGate.h"
#include "env/cssRequest.h"
#include "env/envFiles.h"
#include "env/viteConfig.h"
#include "env/wranglerConfig.h"
#include "graph/moduleGraphJson.h"
#include "hmr/codeFrame.h"
#include "hmr/hmrBoundary.h"
#include "hmr/hmrPayload.h"
#include "js/workerIsolate.h"
#include "optimizer/optimizerRunJson.h"
#include "server/filePolicy.h"

#include <QMetaObject>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;

namespace {

/// Whether the worker runner dropped a module of the worker's pre-bundles
/// (bundles and chunks of the current or a retired generation).
bool dropsPrebundle(Environment &worker, const std::vector<std::string> &dropped)
{
    const std::string deps = worker.optimizer().config().cacheDir;
    return std::any_of(dropped.begin(), dropped.end(), [&](const std::string &id) {
        return id.rfind(deps, 0) == 0; // also <deps>@<browserHash>/ of retired generations
    });
}

constexpr int kDrainTimeoutMs = 10000;
constexpr int kMaxOptimizeRounds = 3;

bool isReoptimizing(const std::string &error)
{
    return error.find(kReoptimizeMarker) != std::string::npos;
}

std::string joined(const std::vector<std::string> &items, const char *sep = ", ")
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : sep) + item;
    return out;
}

} // namespace

HotUpdater::HotUpdater(DevSession &session, WorkerIsolate &worker, RequestGate &gate, Hooks hooks,
                       QObject *parent)
    : QObject(parent), m_session(session), m_worker(worker), m_gate(gate),
      m_hooks(std::move(hooks)), m_generation(gate.generation())
{
}

int64_t HotUpdater::generation() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

void HotUpdater::record(const std::string &kind, const std::string &environment,
                        const std::string &summary, const nlohmann::json &data)
{
    if (!m_hooks.record)
        return;
    JournalEvent e;
    e.kind = kind;
    e.environment = environment;
    e.generation = generation();
    e.summary = summary;
    e.dataJson = dumpJson(data);
    m_hooks.record(std::move(e));
}

void HotUpdater::dependencyMissing(EnvironmentKind environment, const std::string &specifier,
                                   const std::string &entry)
{
    {
        std::lock_guard lock(m_mutex);
        m_missing[environment][specifier] = entry;
        if (!m_closedForDiscovery) {
            m_closedForDiscovery = true;
            m_gate.close();
        }
    }
    schedule();
}

void HotUpdater::changeNoticed()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_closedForChanges;
    }
    m_gate.close();
}

void HotUpdater::filesChanged(const QStringList &files)
{
    {
        std::lock_guard lock(m_mutex);
        for (const QString &f : files)
            m_pendingFiles.insert(f.toStdString());
    }
    schedule();
}

void HotUpdater::hmrInvalidated(const std::string &path, const std::string &message)
{
    QMetaObject::invokeMethod(
        this, [this, path, message] { applyInvalidation(path, message); }, Qt::QueuedConnection);
}

void HotUpdater::applyInvalidation(const std::string &path, const std::string &message)
{
    Environment &client = m_session.client();
    std::vector<std::string> importers;
    std::string id;
    int64_t updateTimestamp = 0;
    client.withGraph([&](ModuleGraph &graph) {
        const ModuleNode *node = graph.moduleByUrl(path);
        if (!node || !node->isSelfAccepting || node->lastHmrTimestamp <= 0)
            return;
        auto seen = m_invalidatedUpdates.find(path);
        if (seen != m_invalidatedUpdates.end() && seen->second == node->lastHmrTimestamp)
            return;
        m_invalidatedUpdates[path] = node->lastHmrTimestamp;
        id = node->id;
        updateTimestamp = node->lastHmrTimestamp;
        for (const std::string &importer : node->importers)
            if (importer != node->id)
                importers.push_back(importer);
    });
    if (id.empty())
        return;
    record("invalidation", "client",
           "hmr invalidate " + path + (message.empty() ? "" : ": " + message),
           nlohmann::json{{"module", id},
                          {"cause", "import.meta.hot.invalidate"},
                          {"message", message},
                          {"update", updateTimestamp},
                          {"importers", importers}});
    bool fullReload = importers.empty();
    std::string reason = fullReload ? path + " has no importers" : std::string();
    std::vector<HmrUpdate> updates;
    const int64_t now = hmrTimestampNow();
    client.withGraph([&](ModuleGraph &graph) {
        const HmrModuleLookup lookup = [&](const std::string &m) -> std::optional<HmrModuleInfo> {
            const ModuleNode *node = graph.moduleById(m);
            if (!node)
                return std::nullopt;
            HmrModuleInfo info;
            info.url = node->url;
            info.isSelfAccepting = node->isSelfAccepting;
            info.acceptedHmrDeps = node->acceptedHmrDeps;
            info.importers.assign(node->importers.begin(), node->importers.end());
            info.isCss = node->type == ModuleType::Css;
            return info;
        };
        for (const std::string &importer : importers) {
            const HmrPropagation p = propagateHmrUpdate(importer, lookup);
            if (p.fullReload) {
                fullReload = true;
                reason = p.reason;
            }
            for (HmrUpdate &u : hmrUpdatesFor(p, now))
                updates.push_back(std::move(u));
        }
    });
    auto send = [&](const std::string &payload) {
        if (m_hooks.broadcastHmr)
            m_hooks.broadcastHmr(payload);
        record("hmr", "client", nlohmann::json::parse(payload).value("type", "?"),
               nlohmann::json{{"payload", nlohmann::json::parse(payload)}});
    };
    if (fullReload) {
        send(fullReloadPayload("*", path));
    } else if (!updates.empty()) {
        client.markHotUpdated(importers, now);
        send(updatePayload(updates));
    }
}

void HotUpdater::schedule()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_scheduled)
            return;
        m_scheduled = true;
    }
    QMetaObject::invokeMethod(
        this, [this] { runUpdate(); }, Qt::QueuedConnection);
}

std::map<EnvironmentKind, std::map<std::string, std::string>> HotUpdater::takeMissing()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_missing, {});
}

void HotUpdater::checkStaleness()
{
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
        m_session.environment(kind).withGraph([&](ModuleGraph &graph) {
            for (const ModuleNode *node : graph.modules()) {
                if (!isStale(graph, *node))
                    continue;
                nlohmann::json deps = nlohmann::json::object();
                for (const auto &[dep, hash] : node->transformResult->optimizedDeps) {
                    const ModuleNode *d = graph.moduleById(dep);
                    if (d && d->optimizedBrowserHash != hash)
                        deps[dep] = {{"referencedHash", hash},
                                     {"currentHash", d->optimizedBrowserHash}};
                }
                record("stale-reference", std::string(environmentName(kind)),
                       "stale ?v= in " + node->id,
                       nlohmann::json{{"module", node->id}, {"dependencies", deps}});
            }
        });
    }
    const std::vector<EvaluatedModule> evaluated = m_worker.evaluatedModules();
    m_session.worker().withGraph([&](ModuleGraph &graph) {
        for (const EvaluatedModule &m : evaluated) {
            const std::string id = m.id.substr(0, m.id.find("?v="));
            const ModuleNode *node = graph.moduleById(id);
            if (node && node->transformResult && node->transformResult->etag != m.transformHash)
                record("stale-reference", "worker", "runner evaluated an older " + id,
                       nlohmann::json{{"module", id},
                                      {"runner", "worker"},
                                      {"evaluatedTransform", m.transformHash},
                                      {"graphTransform", node->transformResult->etag}});
        }
    });
}

void HotUpdater::runUpdate()
{
    std::set<std::string> files;
    bool closedForDiscovery = false, idle = false;
    int closedForChanges = 0;
    {
        std::lock_guard lock(m_mutex);
        m_scheduled = false;
        files.swap(m_pendingFiles);
        closedForDiscovery = std::exchange(m_closedForDiscovery, false);
        // The closes of the bursts whose files this update applies (a burst noticed
        // after its batch was taken keeps its close for the next update).
        if (!files.empty())
            closedForChanges = std::exchange(m_closedForChanges, 0);
        idle = files.empty() && m_missing.empty();
    }
    if (idle) {
        // Scheduled by a discovery that an update already handled (its crawl
        // met the dependency): only that discovery's close is left to undo.
        if (closedForDiscovery)
            m_gate.open(generation());
        emit updated(generation(), false);
        return;
    }
    // A file caught between its truncation and its write reads as empty: wait
    // for the write (as Vite's readModifiedFile) before anything is invalidated,
    // so requests go on meeting the old module meanwhile, never an empty one.
    if (!waitForModifiedFiles(files).empty())
        startupTrace::mark("update: waited for files being written");
    m_gate.close();
    const ProjectConfig &project = m_session.project();
    Environment &client = m_session.client();
    Environment &ssr = m_session.ssr();
    Environment &worker = m_session.worker();

    // The server code of the changed files as it was: an edit that leaves it as it is (the
    // client copy of a "use client" component: its worker module is a client reference) needs
    // no RSC refetch, React Fast Refresh updates it in place (an RSC re-render would meet the
    // old instance's references and remount the refreshed component).
    // A module whose last transform failed (a syntax error being fixed) compares with
    // the last code that transformed: fixing a "use client" file's syntax error gives
    // back the same client reference, so the page takes a js-update only.
    std::map<std::string, std::string> serverEtagsBefore;
    worker.withGraph([&](ModuleGraph &graph) {
        for (const std::string &file : files)
            for (const ModuleNode *node : graph.modulesByFile(file)) {
                if (node->id.rfind(kSsrVirtualPrefix, 0) == 0)
                    continue;
                if (node->transformResult)
                    serverEtagsBefore[node->id] = m_lastServerEtags[node->id] =
                        node->transformResult->etag;
                else if (auto last = m_lastServerEtags.find(node->id);
                         last != m_lastServerEtags.end())
                    serverEtagsBefore[node->id] = last->second;
            }
    });
    // Files that are not modules but that modules depend on (a tsconfig their
    // imports were resolved through, the env files of import.meta.env): the
    // modules that depend on them change with them.
    const ConfigChanges config = collectConfigChanges(m_session, files);
    for (const ConfigChanges::Cause &cause : config.causes)
        record(
            "invalidation", "",
            cause.kind + " changed: " + client.normalizedPath(cause.file) + " (" +
                std::to_string(cause.modules.size()) + " modules)",
            nlohmann::json{{"module", cause.file},
                           {"cause", cause.kind == "env" ? "env file changed" : "tsconfig changed"},
                           {"invalidated", cause.modules}});
    std::set<std::string> dependents;
    for (const std::string &file : config.moduleFiles)
        if (!files.count(file))
            dependents.insert(file);

    // The stylesheets server components import: the page links them when it
    // loads; one they start importing now needs a new page (the RSC payload
    // carries no links).
    auto serverStylesheets = [&] {
        std::set<std::string> hrefs;
        for (const LinkedStylesheet &l : worker.stylesheetsFor({}))
            hrefs.insert(l.href);
        return hrefs;
    };
    const std::set<std::string> stylesheetsBefore = serverStylesheets();

    // 2. Invalidate what the changed files back.
    std::vector<std::string> workerIds, clientIds;
    bool lookupsChanged = false;
    const std::set<std::string> clientDirectivesBefore = m_session.directives().clientModules();
    for (const auto &[kind, ids] : config.virtualModules)
        for (const std::string &id : ids)
            if (m_session.environment(kind).invalidateModule(id, "its tsconfig or env changed") &&
                kind == EnvironmentKind::Worker)
                workerIds.push_back(id);
    for (const std::string &file : dependents) {
        const std::string cause = "depends on a changed tsconfig or env file";
        for (const std::string &id : client.invalidateFile(file, cause))
            clientIds.push_back(id);
        ssr.invalidateFile(file, cause);
        for (const std::string &id : worker.invalidateFile(file, cause))
            workerIds.push_back(id);
    }
    for (const std::string &file : files) {
        lookupsChanged = m_session.directives().update(file) || lookupsChanged;
        const std::string cause = "changed " + file;
        for (const std::string &id : client.invalidateFile(file, cause))
            clientIds.push_back(id);
        ssr.invalidateFile(file, cause);
        for (const std::string &id : worker.invalidateFile(file, cause))
            workerIds.push_back(id);
        record("invalidation", "", "changed " + m_session.client().normalizedPath(file),
               nlohmann::json{{"module", file}, {"cause", "file changed"}});
    }
    if (lookupsChanged) {
        // Both lookups in every environment (rwsdk's runtime imports the
        // use-server lookup in ssr too), and the worker's bridged copies of the
        // ssr ones; the runner drops the worker's.
        for (std::string &id : m_session.invalidateLookups("directives changed"))
            workerIds.push_back(std::move(id));
        record("invalidation", "", "use-client/use-server lookups",
               nlohmann::json{{"cause", "a file gained or lost a directive"}});
    }

    // The wrangler config changed: a new Node.js compatibility re-resolves
    // every environment and restarts the worker (compatibilityReload.h).
    for (const std::string &file : files) {
        const std::string name = fs::path(file).filename().string();
        if (fs::path(file).parent_path() != fs::path(project.root) || !isWranglerConfigName(name))
            continue;
        // Requests in flight finish on the old configuration first (the
        // worker may restart); new ones are held by the closed gate.
        if (!m_gate.waitDrained(kDrainTimeoutMs))
            record("error", "", "requests still in flight after 10 s cross a config change",
                   nlohmann::json{{"message", "drain timeout"}});
        const CompatibilityReload reload = reloadCompatibility(m_session, m_worker);
        if (!reload.error.empty())
            record("error", "", reload.error, nlohmann::json{{"message", reload.error}});
        if (reload.changed) {
            workerIds.push_back(project.workerEntry); // the page re-renders (rsc-update)
            record("invalidation", "", "Node.js compatibility changed: every module resolves again",
                   nlohmann::json{{"cause", "wrangler config changed"},
                                  {"from", std::string(reload.before.modeName())},
                                  {"to", std::string(reload.after.modeName())}});
        }
        break;
    }

    // vite.config is read once at start (env/viteConfig.h), as Vite reads it
    // before it starts its server; Vite restarts on an edit, Switchyard says so.
    for (const std::string &file : files) {
        if (fs::path(file).parent_path() != fs::path(project.root) ||
            findViteConfig(project.root) != file)
            continue;
        const std::string name = fs::path(file).filename().string();
        const std::string message = name + " changed: restart Switchyard to apply it (its " +
                                    "plugins' options, resolve.alias, define and base are read "
                                    "at start, as Vite reads them before it starts its server)";
        std::fprintf(stderr, "switchyard: warning: %s\n", message.c_str());
        record("error", "", message, nlohmann::json{{"message", message}, {"file", file}});
    }

    // A pre-bundle that failed is tried again once something it may depend on
    // changed (an app file, package.json, the lockfile: all the watcher
    // reports), never in a loop: the crawl below meets it again.
    if (!files.empty())
        for (EnvironmentKind kind :
             {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker})
            m_session.environment(kind).optimizer().forgetFailures();

    // An install changed the lockfile or package.json: packages may have moved
    // or changed, so resolution starts afresh and every environment whose
    // lockfile hash moved re-bundles all its deps (Vite re-optimizes on start
    // for the same reason).
    bool installChanged = false;
    for (const std::string &file : files) {
        const std::string name = fs::path(file).filename().string();
        if (fs::path(file).parent_path() == fs::path(project.root) &&
            (name == "package.json" || name == "package-lock.json" || name == "pnpm-lock.yaml" ||
             name == "yarn.lock"))
            installChanged = true;
    }
    if (installChanged) {
        for (EnvironmentKind kind :
             {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
            Environment &env = m_session.environment(kind);
            env.clearResolverCache();
            if (env.optimizer().metadata().hash != env.optimizer().currentHash()) {
                std::lock_guard lock(m_mutex);
                m_missing[kind]; // an empty set of new deps still re-bundles
            }
        }
    }

    // A plain stylesheet is `export {}` on the server whatever it holds: its
    // edits need no server re-render (the browser gets them as CSS updates).
    std::erase_if(workerIds, [](const std::string &id) { return isSideEffectStylesheetId(id); });
    // Stylesheets the browser loads itself (<link>, `?direct`) are no entry's
    // imports: they are transformed again here so their errors are reported,
    // unless every changed file only feeds Tailwind's candidates (a component
    // edit): then the browser's re-fetch builds them, as under Vite.
    std::vector<std::string> directStylesheets;
    if (!std::all_of(files.begin(), files.end(),
                     [](const std::string &f) { return onlyFeedsStylesheetCandidates(f); }))
        std::copy_if(clientIds.begin(), clientIds.end(), std::back_inserter(directStylesheets),
                     [](const std::string &id) { return isDirectCssRequest(id); });

    // 3./4. Crawl (finds new dependencies and errors), re-optimize, repeat.
    // The client crawls beside the worker (as at start-up, devSession.cpp): a
    // changed client module's Fast Refresh pass no longer waits for the
    // worker's crawl. The worker's crawl reads the Document, which names the
    // client entries: when it named others, the client crawls them too.
    auto clientEntriesNow = [&] {
        std::vector<std::string> entries = m_session.clientEntries();
        entries.insert(entries.end(), directStylesheets.begin(), directStylesheets.end());
        return entries;
    };
    auto crawl = [&] {
        const std::vector<std::string> clientEntries = clientEntriesNow();
        std::future<std::vector<ModuleError>> clientCrawl =
            std::async(std::launch::async, [&client, clientEntries] {
                std::vector<ModuleError> found = client.crawl(clientEntries);
                startupTrace::mark("update: client crawled");
                return found;
            });
        std::vector<ModuleError> errors = worker.crawl({project.workerEntry});
        startupTrace::mark("update: worker crawled");
        std::vector<ModuleError> clientErrors = clientCrawl.get();
        if (const std::vector<std::string> named = clientEntriesNow(); named != clientEntries)
            clientErrors = client.crawl(named);
        for (ModuleError &e : clientErrors)
            errors.push_back(std::move(e));
        std::erase_if(errors, [](const ModuleError &e) { return isReoptimizing(e.message); });
        return errors;
    };
    startupTrace::mark("update: invalidated");
    // Until the gate opens the client's modules are transformed without React
    // Fast Refresh's Babel pass (the crawl only looks for dependencies and
    // errors): the pass of a changed client module, tens of ms, is not on the
    // way to the HTML. It runs after the gate opened, before the HMR payload is
    // computed from it (its import.meta.hot.accept makes the module a boundary);
    // a browser asking for such a module meanwhile gets it with the pass.
    const bool refreshDeferredBefore = client.setDeferReactRefresh(true);
    std::vector<ModuleError> errors = crawl();
    startupTrace::mark("update: crawled");
    // clientCommitted: a full run of the client's deps (the page reloads);
    // runnerCleared: the worker's runner lost every module (a full run).
    bool committed = false, clientCommitted = false, runnerCleared = false;
    std::vector<std::string> dropped;
    std::set<std::string> packageModules = m_session.directives().packageModules();
    for (int round = 0; round < kMaxOptimizeRounds; ++round) {
        auto missing = takeMissing();
        // A request that met a dependency before its run failed reports it
        // again: it is not bundled again (the importer fails with the message).
        for (auto it = missing.begin(); it != missing.end();) {
            const DepsOptimizer &optimizer = m_session.environment(it->first).optimizer();
            const bool hadDeps = !it->second.empty();
            std::erase_if(it->second, [&](const auto &dep) {
                return optimizer.failure(dep.first).has_value();
            });
            it = hadDeps && it->second.empty() ? missing.erase(it) : std::next(it);
        }
        if (missing.empty())
            break;
        // Additive runs first, requests going on; full runs after a drain
        // (dev/reoptimization.h). The environments run in parallel.
        startupTrace::mark("update: optimizer runs start");
        const std::vector<EnvironmentRun> runs = reoptimizeEnvironments(m_session, missing, [&] {
            if (!m_gate.waitDrained(kDrainTimeoutMs))
                record("error", "", "requests still in flight after 10 s cross a generation",
                       nlohmann::json{{"message", "drain timeout"}});
        });
        bool workerCommitted = false, ssrCommitted = false;
        for (const EnvironmentRun &r : runs) {
            const EnvironmentKind kind = r.kind;
            const OptimizerRun &run = r.run;
            const std::vector<std::string> &names = r.names;
            record("optimizer-run", std::string(environmentName(kind)),
                   optimizerRunOutcomeLabel(run) + ": " + joined(names) +
                       (run.oldBrowserHash.empty() || run.oldBrowserHash == run.newBrowserHash
                            ? " (browserHash " + run.newBrowserHash + ")"
                            : " (" + run.oldBrowserHash + " -> " + run.newBrowserHash + ")"),
                   optimizerRunJson(run));
            for (const auto &[dep, message] : run.failedDeps)
                errors.push_back({"pre-bundling \"" + dep + "\" failed in the " +
                                  std::string(environmentName(kind)) + " environment: " + message});
            if (run.outcome == OptimizerOutcome::Failed) {
                if (run.failedDeps.empty())
                    errors.push_back({"pre-bundling " + joined(names) + " failed: " + run.error});
                continue;
            }
            if (run.outcome != OptimizerOutcome::Committed)
                continue;
            committed = true;
            // An additive run changed no bundle that is loaded: the runner keeps
            // its modules and the browsers their page (optimizer/additiveRun.h).
            if (run.kind == OptimizerRunKind::Additive)
                continue;
            clientCommitted = clientCommitted || kind == EnvironmentKind::Client;
            workerCommitted = workerCommitted || kind == EnvironmentKind::Worker;
            ssrCommitted = ssrCommitted || kind == EnvironmentKind::Ssr;
        }
        if (workerCommitted) {
            // Its own graph started afresh: every evaluated module may hold an old ?v=.
            runnerCleared = true;
            for (std::string &id : m_worker.clearCache())
                dropped.push_back(std::move(id));
        } else if (ssrCommitted) {
            // Only the bridged subgraph baked in the old ssr bundles: drop it from
            // the worker graph and, with everything importing it, from the runner.
            worker.invalidateBridgedNodes("ssr dependencies re-bundled");
            std::vector<std::string> bridged;
            for (const EvaluatedModule &m : m_worker.evaluatedModules())
                if (m.id.rfind(kSsrVirtualPrefix, 0) == 0)
                    bridged.push_back(m.id);
            for (std::string &id : m_worker.invalidate(bridged))
                dropped.push_back(std::move(id));
            if (dropsPrebundle(worker, dropped)) {
                runnerCleared = true;
                for (std::string &id : m_worker.clearCache())
                    dropped.push_back(std::move(id));
            }
        }
        if (std::set<std::string> now = m_session.directives().packageModules();
            now != packageModules) {
            // A run met package directive modules (kept out of its bundles):
            // the lookups list them now, in every environment and the runner.
            packageModules = std::move(now);
            std::vector<std::string> lookups =
                m_session.invalidateLookups("package directive modules found by the optimizer");
            for (std::string &id : m_worker.invalidate(lookups))
                dropped.push_back(std::move(id));
            record("invalidation", "", "use-client/use-server lookups",
                   nlohmann::json{{"cause", "the optimizer met package directive modules"}});
        }
        startupTrace::mark("update: optimizer runs done");
        errors = crawl();
        startupTrace::mark("update: crawled again");
        if (ssrCommitted && !workerCommitted)
            worker.pruneOrphans(); // bridged chunks of the old ssr bundles
    }
    if (committed) {
        const int64_t from = generation();
        {
            std::lock_guard lock(m_mutex);
            ++m_generation;
        }
        if (!dropped.empty())
            record("runner-cache-clear", "worker",
                   "cleared " + std::to_string(dropped.size()) + " evaluated modules",
                   nlohmann::json{{"dropped", dropped}, {"reason", "new generation"}});
        record("generation", "",
               "generation " + std::to_string(from) + " -> " + std::to_string(generation()),
               nlohmann::json{{"from", from}, {"to", generation()}, {"reason", "re-optimization"}});
    }
    if (!runnerCleared && !workerIds.empty()) {
        // The runner still holds what it evaluated (no run, or additive runs):
        // only the changed modules and their importers go.
        dropped = m_worker.invalidate(workerIds);
        std::string reason = "files changed";
        if (dropsPrebundle(worker, dropped)) {
            // A pre-bundle imports the changed module (rwsdk's runtime imports its
            // bridge): the worker's pre-bundles are evaluated together or React
            // meets a second copy of its own renderer ("Currently React only
            // supports one RSC renderer at a time"), so they all go, as in a
            // full reload of Vite's module runner; pinned modules (the
            // framework's state) stay.
            for (std::string &id : m_worker.clearCache())
                dropped.push_back(std::move(id));
            reason = "files changed; a pre-bundle imports them: the whole runner cache";
        }
        if (!dropped.empty())
            record("runner-cache-clear", "worker",
                   "dropped " + std::to_string(dropped.size()) + " evaluated modules",
                   nlohmann::json{{"dropped", dropped}, {"reason", reason}});
    }

    // The worker's env (.dev.vars, or .env without one): wrangler restarts
    // the worker, so does this, once the requests in flight are done. The
    // restart itself is journaled by the dev server (onEnvironmentLost:
    // runner-cache-clear, environmentRecreated, "Worker restarted: <reason>").
    bool workerRestarted = false;
    if (config.envFilesChanged) {
        const DevVars vars = loadDevVars(project.root, project.varsJson, project.cloudflareEnv,
                                         processEnvironment());
        if (vars.json != m_worker.envJson()) {
            if (!m_gate.waitDrained(kDrainTimeoutMs))
                record("error", "", "requests still in flight after 10 s cross a worker restart",
                       nlohmann::json{{"message", "drain timeout"}});
            std::vector<std::string> changed;
            for (const std::string &f : files)
                if (isEnvFile(project.root, f))
                    changed.push_back(client.normalizedPath(f));
            const std::string reason = "changed " + joined(changed);
            // Names only: the values are secrets.
            record(
                "invalidation", "worker",
                reason + ": the worker's env changed (" + std::to_string(vars.keys.size()) +
                    " variables from " +
                    (vars.files.empty() ? std::string("wrangler vars only") : joined(vars.files)) +
                    "), the worker restarts",
                nlohmann::json{{"cause", "worker env changed"},
                               {"changedFiles", changed},
                               {"envFiles", vars.files},
                               {"envKeys", vars.keys}});
            m_worker.setEnvJson(vars.json);
            m_worker.restart(reason, m_session.worker().nodeCompat().globals());
            workerRestarted = true;
        }
    }

    checkStaleness();

    // Did the code the RSC render runs change (new, gone, failed or different)?
    bool serverCodeChanged = lookupsChanged;
    // A file gained or lost "use client": the page's framework client holds the
    // use-client lookup it loaded (rwsdk's __webpack_require__ memoizes it), so a
    // re-render would reference a component it cannot find; the page reloads.
    const bool clientLookupChanged =
        lookupsChanged && m_session.directives().clientModules() != clientDirectivesBefore;
    worker.withGraph([&](ModuleGraph &graph) {
        for (const std::string &id : workerIds) {
            if (id.rfind(kSsrVirtualPrefix, 0) == 0)
                continue; // the ssr copy only renders HTML
            const ModuleNode *node = graph.moduleById(id);
            const auto before = serverEtagsBefore.find(id);
            if (!node || !node->transformResult || before == serverEtagsBefore.end() ||
                before->second != node->transformResult->etag)
                serverCodeChanged = true;
            if (node && node->transformResult)
                m_lastServerEtags[id] = node->transformResult->etag;
        }
    });

    startupTrace::mark("update: gate opens");
    // 5. Release the held requests on the generation they must see.
    if (closedForDiscovery)
        m_gate.open(generation());
    // A request met a dependency while this update ran (one that imported a changed module
    // first) and a round above took it: its close is undone now, not by the update it
    // scheduled, which would come only after this one's Fast Refresh passes and messages.
    bool discoveryHandled = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_closedForDiscovery && m_missing.empty()) {
            m_closedForDiscovery = false;
            discoveryHandled = true;
        }
    }
    if (discoveryHandled)
        m_gate.open(generation());
    for (int i = 0; i < closedForChanges; ++i)
        m_gate.open(generation());
    m_gate.open(generation());
    // The deferred Fast Refresh passes of the changed modules (see the crawl above). Still
    // deferred (the start's client run goes on): no browser has the client's modules yet.
    client.setDeferReactRefresh(refreshDeferredBefore);
    client.applyDeferredReactRefresh(clientIds);
    startupTrace::mark("update: client refreshed");

    // 6. Tell the browsers.
    auto send = [&](const std::string &payload) {
        if (m_hooks.broadcastHmr)
            m_hooks.broadcastHmr(payload);
        record("hmr", "client", nlohmann::json::parse(payload).value("type", "?"),
               nlohmann::json{{"payload", nlohmann::json::parse(payload)}});
    };
    if (!errors.empty()) {
        // Prefer an error that knows where it is (one met through the SSR
        // bridge reaches us as the ssr environment's message only).
        auto located = std::find_if(errors.begin(), errors.end(),
                                    [](const ModuleError &e) { return e.line > 0; });
        const ModuleError &first = located != errors.end() ? *located : errors.front();
        HmrError err;
        err.message = first.message;
        err.stack = first.message;
        err.plugin = "switchyard:transform";
        err.id = first.file;
        if (!first.file.empty() && first.line > 0) {
            err.loc = HmrErrorLocation{first.file, first.line, first.column};
            std::string source; // sent to browsers: only what the file policy allows
            if (m_session.client().filePolicy()->read(first.file, source).allowed())
                err.frame = codeFrame(source, first.line, first.column);
        }
        record("error", "", first.message,
               nlohmann::json{{"message", first.message},
                              {"file", first.file},
                              {"line", first.line},
                              {"column", first.column}});
        send(errorPayload(err));
    } else if (clientCommitted) {
        send(fullReloadPayload("*", "re-optimized client dependencies"));
    } else if (!files.empty() || committed) {
        bool fullReload = false;
        std::vector<HmrUpdate> updates;
        const int64_t now = hmrTimestampNow();
        client.withGraph([&](ModuleGraph &graph) {
            const HmrModuleLookup lookup =
                [&](const std::string &id) -> std::optional<HmrModuleInfo> {
                const ModuleNode *node = graph.moduleById(id);
                if (!node)
                    return std::nullopt;
                HmrModuleInfo info;
                info.url = node->url;
                info.isSelfAccepting = node->isSelfAccepting;
                info.acceptedHmrDeps = node->acceptedHmrDeps;
                info.importers.assign(node->importers.begin(), node->importers.end());
                // Only a stylesheet the browser linked takes a css-update; one
                // imported from JS is a module (js-update re-runs updateStyle).
                info.isCss = isDirectCssRequest(node->id);
                return info;
            };
            for (const std::string &id : clientIds) {
                const HmrPropagation p = propagateHmrUpdate(id, lookup);
                if (p.fullReload)
                    fullReload = true;
                for (HmrUpdate &u : hmrUpdatesFor(p, now))
                    updates.push_back(std::move(u));
            }
        });
        bool newStylesheet = false;
        if (!workerIds.empty())
            for (const std::string &href : serverStylesheets())
                newStylesheet = newStylesheet || !stylesheetsBefore.count(href);
        if (fullReload || newStylesheet || clientLookupChanged) {
            send(fullReloadPayload("*", files.empty() ? std::string() : *files.begin()));
        } else {
            // Importers re-served from now on import the updated modules
            // with ?t=<now>, the payload's timestamp (Vite's lastHMRTimestamp).
            if (!updates.empty())
                client.markHotUpdated(clientIds, now);
            // Unchanged server code needs no RSC refetch when the browser takes the edit as
            // js-updates (Fast Refresh); with none (no page loaded the module) the worker's
            // copies still changed: the page re-renders from the server as before.
            // The server update goes out before the client's js-updates, as in Vite, where
            // every environment's hotUpdate hook (rwsdk's worker hook sends rsc:update) runs
            // before updateModules sends the update payload: a js-update can re-import the
            // framework's pre-bundled client with ?t= (its lookup imports the boundary), and
            // that second instance's hot context drops the first one's rsc:update listener.
            if (serverCodeChanged || committed || (!workerIds.empty() && updates.empty()) ||
                workerRestarted) {
                std::vector<std::string> paths;
                for (const std::string &f : files)
                    paths.push_back(client.normalizedPath(f));
                if (m_rscUpdateEvent.empty())
                    send(fullReloadPayload("*", files.empty() ? std::string() : *files.begin()));
                else
                    send(rscUpdatePayload(m_rscUpdateEvent,
                                          files.empty() ? std::string() : *files.begin(), paths));
            }
            if (!updates.empty())
                send(updatePayload(updates));
        }
    }
    emit updated(generation(), committed);
    // Work that arrived while this update ran gets its own.
    bool again = false;
    {
        std::lock_guard lock(m_mutex);
        again = !m_pendingFiles.empty() || !m_missing.empty();
    }
    if (again)
        schedule();
}

} // namespace sy
