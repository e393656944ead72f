// What a module of an Environment is to the app's framework: the modules its
// build tool provides (rwsdk's Vite plugin: ssrBridgePlugin, statePlugin,
// useClientLookupPlugin/useServerLookupPlugin, vitePreamblePlugin; Vite's
// /@vite/client; @vitejs/plugin-react's /@react-refresh), named the way the
// FrameworkProfile names them, so the graph and the inspector can show
// "rwsdk/__ssr_bridge (SSR bridge)" instead of a pre-bundle path under a
// virtual prefix. The views never name a framework.
#include "env/environment.h"
#include "env/projectConfig.h"
#include "env/reactRefresh.h"
#include "env/viteClientModule.h"
#include "framework/vitePreamble.h"

namespace sy {

std::pair<ModuleRole, std::string> Environment::frameworkRoleOf(const std::string &id) const
{
    const FrameworkProfile &profile = m_project.framework;
    if (m_kind == EnvironmentKind::Worker && !m_ssrBridgeId.empty() && id == m_ssrBridgeId)
        return {ModuleRole::SsrBridge, profile.ssrBridgeSpecifier};
    // The worker's bridged copies (`virtual:switchyard:ssr:<ssr id>`) are what
    // their ssr twins are.
    std::string_view inner = id;
    if (m_kind == EnvironmentKind::Worker &&
        inner.substr(0, kSsrVirtualPrefix.size()) == kSsrVirtualPrefix)
        inner.remove_prefix(kSsrVirtualPrefix.size());
    if (inner == useClientLookupId())
        return {ModuleRole::ClientLookup, std::string(inner)};
    if (inner == useServerLookupId())
        return {ModuleRole::ServerLookup, std::string(inner)};
    if (m_kind != EnvironmentKind::Client) {
        const std::string state = stateModuleId();
        if (!state.empty() && inner == state)
            return {ModuleRole::RequestState, profile.stateSpecifier};
    }
    if (m_kind != EnvironmentKind::Client)
        return {ModuleRole::None, {}};
    if (!profile.preambleSpecifier.empty() && id == profile.preambleSpecifier)
        return {ModuleRole::VitePreamble, profile.preambleSpecifier};
    if (id == kViteReactRefreshId)
        return {ModuleRole::ReactRefresh, std::string(kViteReactRefreshUrl)};
    if (id == kReactRefreshModuleId)
        return {ModuleRole::ReactRefresh, "react-refresh/runtime"};
    if (id == kViteClientId)
        return {ModuleRole::ViteClient, std::string(kViteClientUrl)};
    return {ModuleRole::None, {}};
}

} // namespace sy
