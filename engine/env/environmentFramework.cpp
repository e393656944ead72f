// The parts of an Environment that depend on the app's framework
// (framework/frameworkProfile.h): the lookup modules' ids, the state module,
// the SSR bridge, and which packages are pre-bundled.
#include "env/environment.h"
#include "env/moduleQuery.h"
#include "env/projectConfig.h"

#include <algorithm>

namespace sy {

namespace {

bool isRwsdk(const ProjectConfig &project)
{
    return project.framework.kind == FrameworkKind::Rwsdk;
}

} // namespace

std::string Environment::useClientLookupId() const
{
    return m_project.framework.useClientLookupId;
}

std::string Environment::useServerLookupId() const
{
    return m_project.framework.useServerLookupId;
}

std::string Environment::stateModuleId() const
{
    // Asked for every import of every bridged module: resolved once.
    std::call_once(m_stateModuleOnce, [this] {
        if (m_project.framework.stateSpecifier.empty())
            return; // a plain Workers app: no request state module
        const Resolution r = m_resolver.resolve(m_project.framework.stateSpecifier,
                                                m_project.root + "/package.json");
        m_stateModuleId = r.ok ? r.path : std::string();
    });
    return m_stateModuleId;
}

bool Environment::isSsrBridgeSpecifier(const std::string &specifier) const
{
    if (m_kind != EnvironmentKind::Worker)
        return false;
    return !m_project.framework.ssrBridgeSpecifier.empty() &&
           specifier == m_project.framework.ssrBridgeSpecifier;
}

bool Environment::excludedFromOptimizing(const std::string &specifier) const
{
    const FrameworkProfile &profile = m_project.framework;
    if (!isRwsdk(m_project))
        return false;
    if (specifier == profile.stateSpecifier)
        return true;
    // A package served as source (FrameworkProfile::sourcePackages).
    const size_t slash = specifier.find('/', specifier[0] == '@' ? specifier.find('/') + 1 : 0);
    const std::string package = specifier.substr(0, slash);
    if (std::find(profile.sourcePackages.begin(), profile.sourcePackages.end(), package) !=
        profile.sourcePackages.end())
        return true;
    auto excluded = profile.optimizeExclude.find(m_kind);
    return excluded != profile.optimizeExclude.end() &&
           std::find(excluded->second.begin(), excluded->second.end(), specifier) !=
               excluded->second.end();
}

Environment::Target Environment::resolveSsrBridge(const std::string &specifier,
                                                  const std::string &importerFile)
{
    Target t;
    if (!m_ssr) {
        t.error = "the worker environment has no ssr environment for \"" + specifier + "\"";
        return t;
    }
    // Worker -> ssr is the fixed lock order (environment.h).
    std::lock_guard lock(m_ssr->m_mutex);
    const Target inner = m_ssr->resolveImport(specifier, importerFile);
    m_moduleConfigFiles.insert(inner.configFiles.begin(), inner.configFiles.end());
    if (!inner.ok) {
        t.error = inner.error;
        return t;
    }
    t.ok = true;
    t.id = std::string(kSsrVirtualPrefix) + inner.id;
    m_ssrBridgeId = t.id; // the graph names it (frameworkRoleOf)
    // The ssr environment's specifier is its id plus the pre-bundle's ?v=.
    t.specifier = std::string(kSsrVirtualPrefix) + inner.specifier;
    return t;
}

std::map<std::string, std::string> Environment::missingIncludedDeps()
{
    std::map<std::string, std::string> missing;
    auto include = m_project.framework.optimizeInclude.find(m_kind);
    if (!isRwsdk(m_project) || include == m_project.framework.optimizeInclude.end())
        return missing;
    for (const std::string &id : include->second) {
        if (m_optimizer.lookup(id) || m_optimizer.failure(id) || excludedFromOptimizing(id))
            continue;
        // An entry this version of the framework does not have is no error (Vite
        // warns and goes on).
        const Resolution r = m_resolver.resolve(id, m_project.root + "/package.json");
        if (r.ok && r.path.find("/node_modules/") != std::string::npos &&
            isOptimizableEntry(r.path))
            missing[id] = r.path;
    }
    return missing;
}

} // namespace sy
