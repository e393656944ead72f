#include "dev/devSession.h"

#include <algorithm>
#include <filesystem>

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
    m_client->setClientEntry([this] { return clientEntry(); });
    // The worker's Document transform finds the client entries the client serves.
    m_client->shareDocumentEntries(*m_worker);
    // One processed result per stylesheet for all three environments.
    m_ssr->shareStylesheets(*m_client);
    m_worker->shareStylesheets(*m_client);
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

std::string DevSession::clientEntry() const
{
    for (const char *name :
         {"src/client.tsx", "src/client.ts", "src/client.jsx", "src/client.js"}) {
        const fs::path p = fs::path(m_project.root) / name;
        if (fs::exists(p))
            return fs::canonical(p).string();
    }
    return m_project.runtimeDir + "/clientEntry.js";
}

std::string DevSession::clientEntryUrl() const
{
    return m_client->clientUrlFor(clientEntry());
}

std::vector<std::string> DevSession::clientEntries() const
{
    std::vector<std::string> files{clientEntry()};
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
    for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()})
        warm = env->optimizer().loadCache() && warm;
    m_cachesLoaded = true;
    return warm;
}

std::vector<OptimizerRun> DevSession::prepare(const std::vector<std::string> &extraWorkerEntries)
{
    if (!m_cachesLoaded)
        loadCaches();
    const fs::path src = fs::path(m_project.root) / "src";
    m_directives.setForcedPaths(ForcedDirectivePaths(
        m_project.root, m_project.vite.forceClientPaths, m_project.vite.forceServerPaths));
    m_directives.scan(fs::exists(src) ? src.string() : m_project.root);
    for (Environment *env : {m_client.get(), m_ssr.get(), m_worker.get()})
        env->setScanning(true);
    std::vector<std::string> workerEntries = {m_project.workerEntry};
    workerEntries.insert(workerEntries.end(), extraWorkerEntries.begin(), extraWorkerEntries.end());
    // The lookups list every directive module: crawling them finds the
    // dependencies of modules that only the framework's pre-bundled runtime
    // imports (rwsdk's client, its SSR bridge).
    workerEntries.push_back(m_worker->useServerLookupId());
    m_worker->crawl(workerEntries);
    m_ssr->crawl({m_ssr->useClientLookupId()});
    std::vector<std::string> clientCrawl = clientEntries();
    clientCrawl.push_back(m_client->useClientLookupId());
    m_client->crawl(clientCrawl);
    std::vector<OptimizerRun> runs;
    // ssr first: the worker's bridged nodes are reset with it.
    for (Environment *env : {m_ssr.get(), m_client.get(), m_worker.get()})
        runs.push_back(env->commitScan());
    return runs;
}

std::vector<std::string> DevSession::crawlAll()
{
    std::vector<std::string> errors;
    for (Environment *env : {m_worker.get(), m_client.get()})
        for (ModuleError &e :
             env->crawl(env == m_worker.get() ? std::vector<std::string>{m_project.workerEntry}
                                              : clientEntries()))
            errors.push_back(std::move(e.message));
    return errors;
}

} // namespace sy
