// Environment::resolveForMocking (ModuleProvider): the path of vi.mock(path)
// and its kin resolved as an import of the calling module, for the module
// runner's mocks (js/moduleRunnerMocks.cpp). Vitest resolves it through the
// environment's resolveId; an unresolvable path keeps its own text.
#include "env/environment.h"

#include "env/mockRedirect.h"
#include "env/moduleQuery.h"
#include "env/projectConfig.h"

#include <utility>

namespace sy {

MockResolution Environment::resolveForMocking(const std::string &specifier,
                                              const std::string &importerId)
{
    std::lock_guard lock(m_mutex);
    std::string importer(pathOfId(importerId));
    if (importer.empty() || importer.front() != '/')
        importer = m_project.root + "/package.json";
    // Scan mode answers a package that is not pre-bundled with its entry file
    // instead of bundling it now; nothing of the scan is kept.
    const bool scanning = std::exchange(m_scanning, true);
    auto missing = m_missingDeps;
    auto configFiles = m_moduleConfigFiles;
    const Target target = resolveImport(specifier, importer);
    m_scanning = scanning;
    m_missingDeps = std::move(missing);
    m_moduleConfigFiles = std::move(configFiles);

    MockResolution out;
    if (!target.ok) {
        out.error = target.error;
        return out;
    }
    out.ok = true;
    out.id = target.specifier;
    out.file = target.id;
    out.interop = target.interop;
    // Vitest: a module outside the file system or in a package (here also its
    // pre-bundle) is mocked by <root>/__mocks__/<the specifier as written>.
    const std::string &depsDir = m_optimizer.config().cacheDir;
    out.external = out.file.empty() || out.file.front() != '/' ||
                   out.file.find("/node_modules/") != std::string::npos ||
                   (!depsDir.empty() && out.file.rfind(depsDir + "/", 0) == 0);
    const std::string redirect = findMockRedirect(
        m_project.root, out.file, out.external ? normalizeMockSpecifier(specifier) : std::string());
    if (!redirect.empty()) {
        const Target mockFile = resolveImport(redirect, importer);
        if (mockFile.ok)
            out.mockRedirect = mockFile.specifier;
    }
    return out;
}

} // namespace sy
