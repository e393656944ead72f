#pragma once
// The `import.meta.hot` the engine gives client modules that use it, as Vite's importAnalysis
// does (docs/architecture.md, "The HMR client").
#include <string>
#include <string_view>

namespace sy {

/// Name the injected code binds the client's createHotContext to (Vite's).
inline constexpr std::string_view kHotContextFactory = "__vite__createHotContext";

/// The text to put in FRONT of a transformed client module that uses import.meta.hot
/// (HmrAcceptInfo::usesHot), app modules and pre-bundled dependencies alike, with no newline
/// so line numbers (and source maps) stay right:
///
///     import { createHotContext as __vite__createHotContext } from
///     "<hmrClientUrl>";import.meta.hot = __vite__createHotContext("<moduleUrl>");
///
/// `hmrClientUrl` is the URL of the engine's HMR client, "/@vite/client"
/// (env/viteClientModule.h), exactly the URL the rest of the page imports it by, so there is
/// one HMR client instance; `moduleUrl` is the module's own URL without `?t=`/`?v=`
/// (`/src/app/Counter.tsx`, `/.switchyard/deps_client/rwsdk_client.js`): the key the update
/// payloads' `path`/`acceptedPath` use. Both become JSON string literals.
std::string hotContextPrelude(std::string_view hmrClientUrl, std::string_view moduleUrl);

} // namespace sy
