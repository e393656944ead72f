#pragma once
// The Vite React preamble a framework's client entry imports first, and the
// `/@react-refresh` module it imports, over the engine's own React Fast Refresh
// (env/reactRefresh.h: one react-refresh runtime instance per page, served as
// virtual:switchyard:react-refresh).
//
//  - RedwoodSDK (vitePreamblePlugin + injectVitePreamble, 1.2.9 and 1.7.3):
//    in dev, every client entry the Document names gets
//    `import 'virtual:vite-preamble';` in front; that module imports the
//    default export of "/@react-refresh", calls injectIntoGlobalHook(window),
//    installs no-op window.$RefreshReg$/$RefreshSig$ and sets
//    window.__vite_plugin_react_preamble_installed__.
//  - @vitejs/plugin-react (5.x, 6.x) serves "/@react-refresh" with named
//    exports register, injectIntoGlobalHook, createSignatureFunctionForTransform,
//    registerExportsForReactRefresh, validateRefreshBoundaryAndEnqueueUpdate,
//    __hmr_import and `default { injectIntoGlobalHook }`; ours gives the same
//    names, each backed by the engine's runtime, so whoever imports them shares
//    its registrations with our per-module refresh footers.
#include <string>
#include <string_view>

namespace sy {

/// The URL (and import specifier) @vitejs/plugin-react serves react-refresh at.
inline constexpr std::string_view kViteReactRefreshUrl = "/@react-refresh";
/// The client environment's virtual module behind kViteReactRefreshUrl.
inline constexpr std::string_view kViteReactRefreshId = "virtual:switchyard:vite-react-refresh";

/// Source of the module behind "/@react-refresh": re-exports, under
/// @vitejs/plugin-react's names, the engine's refresh module `refreshModuleId`
/// (virtual:switchyard:react-refresh), whose exports register, injectIntoGlobalHook,
/// createSignatureFunctionForTransform, registerExports, boundaryProblem and
/// enqueueRefresh it uses.
std::string viteReactRefreshSource(std::string_view refreshModuleId);

/// Source of rwsdk's `virtual:vite-preamble` for Vite's `base` ("/" or "/app/"):
/// imports the default export of `<base>@react-refresh`.
std::string vitePreambleSource(std::string_view base = "/");

/// What goes in FRONT of a client entry: `import "<preambleSpecifier>";` without a
/// newline (rwsdk adds one; this keeps the entry's lines where they are).
std::string vitePreambleImport(std::string_view preambleSpecifier);

} // namespace sy
