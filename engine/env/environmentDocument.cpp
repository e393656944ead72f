// The parts of an Environment that serve a framework's Document and client
// entries (RedwoodSDK's transformJsxScriptTagsPlugin, injectVitePreamble and
// vitePreamblePlugin; framework/documentScripts.h, framework/vitePreamble.h):
//  - worker: the Document transform (script nonces, scriptsToBeLoaded) and
//    the client entries it finds;
//  - client: those entries get `import "virtual:vite-preamble";` in front,
//    and "/@react-refresh" is answered over the engine's refresh runtime.
// All of it only when the FrameworkProfile asks for it.
#include "env/environment.h"
#include "env/projectConfig.h"
#include "env/reactRefresh.h"
#include "framework/vitePreamble.h"

#include <cstdio>
#include <filesystem>

namespace sy {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

/// Files whose JSX the engine compiles (sucrase or esbuild): .tsx/.jsx
/// anywhere, .js/.mjs of the app (rwsdk looks at .tsx only; a .jsx Document is
/// transformed too, so its scripts carry the nonce the CSP asks for).
bool mayHoldJsx(const std::string &file)
{
    const std::string ext = std::filesystem::path(file).extension().string();
    if (ext == ".tsx" || ext == ".jsx")
        return true;
    return (ext == ".js" || ext == ".mjs") && file.find("/node_modules/") == std::string::npos;
}

} // namespace

std::vector<std::string> Environment::documentClientEntries() const
{
    return m_documentEntries->urls();
}

void Environment::addVitePreambleModules()
{
    const FrameworkProfile &profile = m_project.framework;
    if (profile.viteClientUrls)
        addVirtualModule(std::string(kViteReactRefreshId), {std::string(kViteReactRefreshUrl)},
                         [] { return viteReactRefreshSource(kReactRefreshModuleId); });
    if (!profile.preambleSpecifier.empty())
        addVirtualModule(profile.preambleSpecifier, {}, [] { return vitePreambleSource("/"); });
}

std::string Environment::applyDocumentScripts(const ModuleNode &node, std::string code)
{
    const FrameworkProfile &profile = m_project.framework;
    if (!profile.documentScriptTransform || !mayHoldJsx(node.id))
        return code;
    DocumentScriptOptions options;
    options.requestInfoSource = profile.requestInfoSource;
    DocumentScriptResult result = transformDocumentScripts(code, options);
    if (!result.changed)
        return code;
    for (const std::string &url : m_documentEntries->add(result.clientEntries))
        std::fprintf(stderr, "[worker] client entry %s (named by %s)\n", url.c_str(),
                     normalizedPath(node.id).c_str());
    return std::move(result.code);
}

bool Environment::needsVitePreamble(const std::string &id) const
{
    const FrameworkProfile &profile = m_project.framework;
    return profile.documentScriptTransform && !profile.preambleSpecifier.empty() &&
           m_documentEntries->contains(normalizedPath(id));
}

bool Environment::lacksVitePreamble(const ModuleNode &node) const
{
    return m_kind == EnvironmentKind::Client && m_project.framework.documentScriptTransform &&
           !m_vitePreambled.count(node.id) && needsVitePreamble(node.id);
}

} // namespace sy
