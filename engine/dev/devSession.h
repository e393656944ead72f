#pragma once
// A dev session over one app: the directive index, the three environments
// (client, ssr, worker; the worker bridged to ssr), and their initial
// optimizer scan. The CLI's graph/inspect commands and the dev server (serve)
// both start here.
#include "env/directiveIndex.h"
#include "env/environment.h"
#include "env/projectConfig.h"

#include <memory>
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
    /// environment's dependencies (one optimizer run each; a warm cache reuses
    /// the bundles). Returns the runs.
    std::vector<OptimizerRun> prepare(const std::vector<std::string> &extraWorkerEntries = {});

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
    ProjectConfig m_project;
    TransformService &m_transforms;
    DirectiveIndex m_directives;
    std::unique_ptr<Environment> m_client;
    std::unique_ptr<Environment> m_ssr;
    std::unique_ptr<Environment> m_worker;
    bool m_cachesLoaded = false;
};

} // namespace sy
