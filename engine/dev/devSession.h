#pragma once
// A dev session over one app: the directive index, the three environments
// (client, ssr, worker; the worker bridged to ssr), and their initial
// optimizer scan. The CLI's graph/inspect commands and the dev server (serve)
// both start here.
#include "env/directiveIndex.h"
#include "env/environment.h"
#include "env/projectConfig.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sy {

class TransformService;

class DevSession {
public:
    /// `project` is copied. The transform service must outlive the session.
    DevSession(ProjectConfig project, TransformService &transforms);
    ~DevSession();

    const ProjectConfig &project() const { return m_project; }
    Environment &client() { return *m_client; }
    Environment &ssr() { return *m_ssr; }
    Environment &worker() { return *m_worker; }
    Environment &environment(EnvironmentKind kind);
    DirectiveIndex &directives() { return m_directives; }
    /// The transform service every environment of the session uses.
    TransformService &transforms() { return m_transforms; }

    /// Every client entry to crawl: the files of the entries the app's Document
    /// names (`<script>import("/src/client.tsx")</script>`;
    /// Environment::documentClientEntries(), found by the worker's Document
    /// transform, so known after the worker was crawled). Empty for a plain
    /// Workers app.
    std::vector<std::string> clientEntries() const;

    /// Loads every environment's `_metadata.json` when it still matches the
    /// lockfile and config. Returns true when all three caches are warm.
    /// prepare() calls it if nobody did.
    bool loadCaches();

    /// Scans directives, then crawls the worker entry (plus `extraWorkerEntries`,
    /// e.g. test files) and the client entry in scan mode and pre-bundles every
    /// environment's dependencies (one optimizer run each, the three in parallel;
    /// a warm cache reuses the bundles). Returns the runs (ssr, client, worker,
    /// then those of the package-module round).
    std::vector<OptimizerRun> prepare(const std::vector<std::string> &extraWorkerEntries = {});

    /// prepare() split for a dev server that serves pages before the client's
    /// dependencies are bundled (as Vite's server listens while its client
    /// optimizer run goes on): `server` holds the ssr and worker runs (run in
    /// parallel) and their package-module round, done when prepareStart() returns;
    /// `finishClient` commits the client's scan and its own package-module round
    /// (call it once, on any thread; nothing may read the client environment's
    /// modules before it returned). A package directive module only the client's
    /// pre-bundles met is crawled in the client alone: `lateServerPackageModules()`
    /// names it afterwards (the server lookups list it once invalidated).
    struct ServerStart {
        std::vector<OptimizerRun> server;
        std::function<std::vector<OptimizerRun>()> finishClient;
    };
    ServerStart prepareStart(const std::vector<std::string> &extraWorkerEntries = {});

    /// Package directive modules the client environment's first run found that the
    /// ssr and worker round of prepareStart() had not crawled (usually none).
    std::set<std::string> lateServerPackageModules() const;

    /// Drops the transforms of the use-client and use-server lookups in every
    /// environment and of their bridged copies in the worker (the directive
    /// modules changed). Returns the worker graph's ids of them, for the runner.
    std::vector<std::string> invalidateLookups(const std::string &cause);

    /// Crawls every environment from its entries (crawlEntries) so the graphs
    /// are complete. Returns the errors met (one per failing module).
    std::vector<std::string> crawlAll();

    /// What prepare() and crawlAll() crawl `env` from: the worker entry (plus
    /// `extraWorkerEntries`) and the use-server lookup in the worker; the
    /// use-client lookup in ssr; the client entries and the use-client lookup in
    /// the client. Lookups only for a framework that has them.
    std::vector<std::string>
    crawlEntries(const Environment &env,
                 const std::vector<std::string> &extraWorkerEntries = {}) const;

private:
    /// The directive scan and the scan-mode crawls of `crawled` (in this order;
    /// the worker first: its Document transform names the client entries).
    void scanAndCrawl(const std::vector<std::string> &extraWorkerEntries,
                      const std::vector<Environment *> &crawled);
    /// Commits the scans of `envs` in parallel (each its own esbuild), then, when
    /// the runs met package directive modules not in `handled`, crawls them in
    /// `envs` and commits again (a new dependency of theirs is bundled now
    /// rather than at the first request) and invalidates the lookups of `envs`.
    /// Returns the runs; `handled` becomes the package modules crawled. The envs
    /// in `crawlFirst` are crawled from their entries (in scan mode) by their own
    /// task just before their commit, in parallel with the others' runs.
    std::vector<OptimizerRun> commitScans(const std::vector<Environment *> &envs,
                                          std::set<std::string> &handled,
                                          const std::set<Environment *> &crawlFirst = {});

    ProjectConfig m_project;
    TransformService &m_transforms;
    DirectiveIndex m_directives;
    std::unique_ptr<Environment> m_client;
    std::unique_ptr<Environment> m_ssr;
    std::unique_ptr<Environment> m_worker;
    bool m_cachesLoaded = false;
    std::set<std::string> m_serverPackageModules; ///< crawled by the ssr/worker round
    std::set<std::string> m_clientPackageModules; ///< crawled by the client round
};

} // namespace sy
