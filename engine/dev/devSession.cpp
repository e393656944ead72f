#include "dev/devSession.h"

#include "core/startupTrace.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <set>

namespace sy {

namespace fs = std::filesystem;

DevSession::DevSession(ProjectConfig project, TransformService &transforms)
    : m_project(std::move(project)), m_transforms(transforms)
{
    m_client = std::make_unique<Environment>(EnvironmentKind::Client, m_project, m_transforms,
                                             m_directives);
    m_ssr =
        std::make_unique<Environment>(EnvironmentKind::Ssr, m_project, m_transforms, m_directives);
    m_worker = std::make_unique<Environment>(EnvironmentKind::Worker, m_project, m_transforms,
                                             m_directives);
    m_worker->setSsrEnvironment(m_ssr.get());
    // The worker's Document transform finds the client entries the client serves.
    m_client->shareDocumentEntries(*m_worker);
    // One processed result per stylesheet for all three environments.
    m_ssr->shareStylesheets(*m_client);
    m_worker->shareStylesheets(*m_client);
    // A package module with "use client" / "use server" (rwsdk/turnstile's
    // useTurnstile) stays out of every pre-bundle: each environment serves it
    // as a module of its own, with the directive transform, and the lookups
    // list it (rwsdk's directive scan follows imports into packages).
    if (m_project.framework.kind != FrameworkKind::None) {
        PackageModuleExternals hooks;
        hooks.known = [this] {
            const std::set<std::string> files = m_directives.packageModules();
            return std::vector<std::string>(files.begin(), files.end());
        };
        hooks.among = [this](const std::vector<std::string> &inputs) {
            return m_directives.recordPackageFiles(inputs);
        };
        hooks.candidates = [this](const std::vector<std::string> &entryFiles) {
            return m_directives.packageDirectiveCandidates(entryFiles);
        };
        for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()})
            env->optimizer().setPackageModuleExternals(hooks);
    }
}

DevSession::~DevSession() = default;

Environment &DevSession::environment(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Client:
        return *m_client;
    case EnvironmentKind::Ssr:
        return *m_ssr;
    case EnvironmentKind::Worker:
        return *m_worker;
    }
    return *m_worker;
}

std::vector<std::string> DevSession::clientEntries() const
{
    std::vector<std::string> files;
    for (const std::string &url : m_client->documentClientEntries()) {
        // "/src/client.tsx" under the root, "/@fs/abs" elsewhere; a public file
        // (`<script src="/theme.js">`) or a missing one is nothing to crawl.
        const fs::path p =
            url.rfind("/@fs/", 0) == 0 ? fs::path(url.substr(4)) : fs::path(m_project.root + url);
        std::error_code ec;
        if (!fs::is_regular_file(p, ec))
            continue;
        const std::string file = fs::canonical(p, ec).string();
        if (!ec && std::find(files.begin(), files.end(), file) == files.end())
            files.push_back(file);
    }
    return files;
}

bool DevSession::loadCaches()
{
    bool warm = true;
    for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()}) {
        warm = env->optimizer().loadCache() && warm;
        // The package modules the reused bundles keep external join the lookups.
        m_directives.recordPackageFiles(env->optimizer().metadata().packageModules);
    }
    m_cachesLoaded = true;
    return warm;
}

void DevSession::scanAndCrawl(const std::vector<std::string> &extraWorkerEntries,
                              const std::vector<Environment *> &crawled)
{
    if (!m_cachesLoaded)
        loadCaches();
    const fs::path src = fs::path(m_project.root) / "src";
    m_directives.setForcedPaths(ForcedDirectivePaths(
        m_project.root, m_project.vite.forceClientPaths, m_project.vite.forceServerPaths));
    {
        startupTrace::Scope trace("directive scan");
        m_directives.scan(fs::exists(src) ? src.string() : m_project.root);
    }
    for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()})
        env->setScanning(true);
    for (Environment *env : crawled) {
        startupTrace::Scope trace("scan crawl " + std::string(environmentName(env->kind())));
        env->crawl(crawlEntries(*env, extraWorkerEntries));
    }
}

std::vector<OptimizerRun> DevSession::commitScans(const std::vector<Environment *> &envs,
                                                  std::set<std::string> &handled,
                                                  const std::set<Environment *> &crawlFirst)
{
    // One esbuild per environment, in parallel (as the hot updater's re-optimizations).
    auto commitAll = [&](bool keepReused, bool crawl) {
        std::vector<std::future<OptimizerRun>> futures;
        for (Environment *env : envs)
            futures.push_back(std::async(std::launch::async, [this, env, crawl, &crawlFirst] {
                if (crawl && crawlFirst.count(env)) {
                    startupTrace::Scope trace("scan crawl " +
                                              std::string(environmentName(env->kind())));
                    env->crawl(crawlEntries(*env));
                }
                startupTrace::Scope trace("optimizer run " +
                                          std::string(environmentName(env->kind())));
                return env->commitScan();
            }));
        std::vector<OptimizerRun> runs;
        for (auto &future : futures)
            if (OptimizerRun run = future.get();
                keepReused || run.outcome != OptimizerOutcome::ReusedCache)
                runs.push_back(std::move(run));
        return runs;
    };
    std::vector<OptimizerRun> runs = commitAll(true, true);
    const std::set<std::string> found = m_directives.packageModules();
    std::vector<std::string> entries;
    for (const std::string &file : found)
        if (!handled.count(file))
            entries.push_back(file);
    handled = found;
    if (entries.empty())
        return runs;
    // The runs met package directive modules and kept them out of their
    // bundles: served as source, their own imports may be new dependencies
    // (a second run now rather than at the first request), and the lookups
    // an environment transformed during the scan list them too now.
    startupTrace::Scope trace("package directive modules round");
    for (Environment *env : envs) {
        env->setScanning(true);
        env->crawl(entries);
    }
    for (OptimizerRun &run : commitAll(false, false))
        runs.push_back(std::move(run));
    const std::string cause = "package directive modules found by the optimizer";
    for (const std::string &lookup : {m_worker->useClientLookupId(), m_worker->useServerLookupId()})
        for (Environment *env : envs) {
            env->invalidateModule(lookup, cause);
            if (env == m_worker.get())
                env->invalidateModule(std::string(kSsrVirtualPrefix) + lookup, cause);
        }
    return runs;
}

DevSession::ServerStart DevSession::prepareStart(const std::vector<std::string> &extraWorkerEntries)
{
    // The worker's crawl first (it names the client entries and reaches the ssr
    // modules of the bridge); then the worker's run goes on while the ssr crawl and
    // run do, and the client crawls in the background with its run (finishClient).
    scanAndCrawl(extraWorkerEntries, {m_worker.get()});
    const std::set<std::string> known = m_directives.packageModules();
    m_serverPackageModules = known;
    m_clientPackageModules = known;
    ServerStart start;
    start.server =
        commitScans({m_ssr.get(), m_worker.get()}, m_serverPackageModules, {m_ssr.get()});
    start.finishClient = [this] {
        return commitScans({m_client.get()}, m_clientPackageModules, {m_client.get()});
    };
    return start;
}

std::set<std::string> DevSession::lateServerPackageModules() const
{
    std::set<std::string> late;
    for (const std::string &file : m_clientPackageModules)
        if (!m_serverPackageModules.count(file))
            late.insert(file);
    return late;
}

std::vector<OptimizerRun> DevSession::prepare(const std::vector<std::string> &extraWorkerEntries)
{
    scanAndCrawl(extraWorkerEntries, {m_worker.get(), m_ssr.get(), m_client.get()});
    const std::set<std::string> known = m_directives.packageModules();
    m_serverPackageModules = known;
    m_clientPackageModules = known;
    // The three environments bundle at once; nothing is served meanwhile.
    auto client = std::async(std::launch::async, [this] {
        return commitScans({m_client.get()}, m_clientPackageModules);
    });
    std::vector<OptimizerRun> server =
        commitScans({m_ssr.get(), m_worker.get()}, m_serverPackageModules);
    std::vector<OptimizerRun> clientRuns = client.get();
    // ssr, client, worker first (the order the runs were always listed in), then
    // the package-module rounds.
    std::vector<OptimizerRun> runs{server[0], clientRuns[0], server[1]};
    runs.insert(runs.end(), server.begin() + 2, server.end());
    runs.insert(runs.end(), clientRuns.begin() + 1, clientRuns.end());
    // What only the client's bundles met joins the server environments too.
    if (const std::set<std::string> late = lateServerPackageModules(); !late.empty()) {
        m_serverPackageModules.insert(late.begin(), late.end());
        std::set<std::string> handled = known;
        for (Environment *env : {m_ssr.get(), m_worker.get()})
            env->setScanning(true);
        for (OptimizerRun &run : commitScans({m_ssr.get(), m_worker.get()}, handled))
            if (run.outcome != OptimizerOutcome::ReusedCache)
                runs.push_back(std::move(run));
    }
    return runs;
}

std::vector<std::string> DevSession::invalidateLookups(const std::string &cause)
{
    std::vector<std::string> workerIds;
    // Both lookups in every environment (rwsdk's runtime imports the use-server
    // lookup in ssr too), and the worker's bridged copies of the ssr ones.
    for (const std::string &lookup :
         {m_worker->useClientLookupId(), m_worker->useServerLookupId()}) {
        const std::string bridged = std::string(kSsrVirtualPrefix) + lookup;
        for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()})
            env->invalidateModule(lookup, cause);
        m_worker->invalidateModule(bridged, cause);
        workerIds.push_back(lookup);
        workerIds.push_back(bridged);
    }
    return workerIds;
}

std::vector<std::string>
DevSession::crawlEntries(const Environment &env,
                         const std::vector<std::string> &extraWorkerEntries) const
{
    // The lookups list every directive module: crawling them finds the
    // dependencies of modules that only the framework's pre-bundled runtime
    // imports (rwsdk's client, its SSR bridge). A plain Workers app has no
    // framework, so no lookups and no client entries.
    std::vector<std::string> entries;
    std::string lookup;
    if (&env == m_worker.get()) {
        entries = {m_project.workerEntry};
        entries.insert(entries.end(), extraWorkerEntries.begin(), extraWorkerEntries.end());
        lookup = env.useServerLookupId();
    } else if (&env == m_ssr.get()) {
        lookup = env.useClientLookupId();
    } else {
        entries = clientEntries();
        lookup = env.useClientLookupId();
    }
    if (!lookup.empty())
        entries.push_back(lookup);
    return entries;
}

std::vector<std::string> DevSession::crawlAll()
{
    std::vector<std::string> errors;
    for (Environment *env : {m_worker.get(), m_ssr.get(), m_client.get()})
        for (ModuleError &e : env->crawl(crawlEntries(*env)))
            errors.push_back(std::move(e.message));
    return errors;
}

} // namespace sy
