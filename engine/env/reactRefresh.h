#pragma once
// React Fast Refresh in the client environment, after the protocol of
// @vitejs/plugin-react (js/reactRefreshGlue.js has the browser side):
//
//  - virtual:switchyard:react-refresh: react-refresh's runtime with our glue,
//    bundled at build time (engine/env/js/reactRefreshModule.js);
//  - the preamble that calls injectIntoGlobalHook(window) before React DOM is
//    evaluated is the framework's (RedwoodSDK's virtual:vite-preamble and
//    /@react-refresh, framework/vitePreamble.h);
//  - every client module of the app that defines components: react-refresh/babel
//    (TransformService::reactRefresh) adds $RefreshReg$/$RefreshSig$ calls, and a
//    footer defines both for the module and makes it accept itself, so an edit is a
//    js-update of that module; in the browser the accept callback refreshes in place
//    when the module is a refresh boundary (only components exported) and calls
//    import.meta.hot.invalidate() otherwise (the engine then propagates the update
//    from its importers: HotUpdater::invalidated).
// Only the client copy of a module is refreshed: the worker's client references
// and the ssr code of the same "use client" file never are.
#include <string>
#include <string_view>

namespace sy {

class Environment;
class TransformService;

inline constexpr std::string_view kReactRefreshModuleId = "virtual:switchyard:react-refresh";

/// Registers virtual:switchyard:react-refresh in the client environment `client`.
void addReactRefreshModules(Environment &client);

/// A cheap look at `code` (a module after sucrase) for anything react-refresh/babel
/// registers or signs: a top-level-looking `function X`, `const|let|var X` with a capitalized
/// name, or a hook call `useX(`. False means the Babel pass is skipped (utility modules,
/// constants); true may still register nothing.
bool mayDefineComponents(std::string_view code);

/// The text appended to a refreshed module whose browser URL (no query) is `moduleUrl`
/// (`/src/app/Counter.tsx`, the prefix of its refresh family ids): the import of the refresh
/// module, `$RefreshReg$`/`$RefreshSig$` (hoisted function declarations) and, under
/// `if (import.meta.hot)`, the exports' registration and the self-accept that refreshes or
/// invalidates. Starts with a newline; adds lines only after the module's own.
std::string reactRefreshFooter(std::string_view moduleUrl);

/// One module's refresh step.
struct ReactRefreshStep {
    std::string code;       ///< the module to serve (the input when nothing was registered)
    bool refreshed = false; ///< registrations and the footer were added
    double ms = 0;          ///< time of the Babel pass (0 when skipped)
    std::string warning;    ///< Babel could not read the module: served without Fast Refresh
};

/// Runs the refresh transform over `code` (a client module of the app after sucrase, at
/// `file`, served as `moduleUrl`): skipped when mayDefineComponents() is false; a Babel
/// failure keeps `code` as it is (edits of that module then reload the page) and says why.
ReactRefreshStep reactRefreshStep(TransformService &transforms, const std::string &file,
                                  std::string_view moduleUrl, std::string code);

} // namespace sy
