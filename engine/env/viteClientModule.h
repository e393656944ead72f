#pragma once
// /@vite/client: the engine's HMR client (engine/hmr/js/viteClient.js, bundled at build
// time), served in the client environment at the URL Vite serves its client at, with
// Vite's client API (createHotContext, updateStyle, removeStyle, injectQuery). Every
// client module that uses import.meta.hot imports it by that one URL (hmr/hotContext.h),
// CSS modules import updateStyle/removeStyle from it (stylesheetModule.h), and so may a
// framework's client: one instance per page.
#include <string>
#include <string_view>

namespace sy {

class Environment;

/// The URL (and import specifier) of the client, as Vite's CLIENT_PUBLIC_PATH.
inline constexpr std::string_view kViteClientUrl = "/@vite/client";
/// Its id in the client module graph (a virtual module served at kViteClientUrl only).
inline constexpr std::string_view kViteClientId = "virtual:switchyard:vite-client";

/// What the dev server writes into the client when it serves it (Vite's clientInjections).
struct ViteClientConfig {
    /// The HMR socket's per-process token (DevServerOptions::hmrToken; Vite 6.0.9+'s
    /// webSocketToken): the client connects with `?token=<token>`. Empty outside a dev server.
    std::string token;
    /// The socket's path (DevServerOptions::hmrPath).
    std::string hmrPath = "/@switchyard/hmr";
    /// The framework's custom event for changed server code (FrameworkProfile::rscUpdateEvent):
    /// the client removes the error overlay when it arrives, and reloads the page when no
    /// module listens for it. Empty: no such event.
    std::string serverUpdateEvent;
    /// URL of the client's pre-bundles folder ("/.switchyard/deps_client"; its retired
    /// generations are "<prefix>@<browserHash>"). A pre-bundle the browser imports again
    /// with ?t= (a framework client importing the use-client lookup, as Vite re-imports it)
    /// is a second live instance, not a replacement: the hot context of the new instance
    /// keeps the earlier instance's listeners (Vite drops them, and with them rwsdk's
    /// rsc:update listener, registered once by initClient). Empty: Vite's rule everywhere.
    std::string preBundleUrlPrefix;
};

/// The client's source with `config` written in for its placeholder
/// (`__SWITCHYARD_HMR_CONFIG__` becomes `{"token":...,"path":...,"serverUpdateEvent":...}`).
std::string viteClientSource(const ViteClientConfig &config);

/// Registers the client in the client environment `client` (importable as "/@vite/client",
/// served at kViteClientUrl, never under /@id/), or replaces its config: a transform served
/// before is dropped, so the next request gets the new values.
void addViteClientModule(Environment &client, const ViteClientConfig &config);

} // namespace sy
