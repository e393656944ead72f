#pragma once
// The `import.meta.hot` the engine gives client modules that use it (runtime/README.md,
// "HMR").
#include <string>
#include <string_view>

namespace sy {

/// Name the injected code binds runtime/client/hmr.js's createHotContext to.
inline constexpr std::string_view kHotContextFactory = "__switchyard_createHotContext";

/// The text to put in FRONT of a transformed client module that uses import.meta.hot
/// (HmrAcceptInfo::usesHot), with no newline so line numbers (and source maps) stay right:
///
///     import { createHotContext as __switchyard_createHotContext } from
///     "<hmrClientUrl>";import.meta.hot = __switchyard_createHotContext("<moduleUrl>");
///
/// `hmrClientUrl` is the browser URL of runtime/client/hmr.js, exactly the URL the rest of the
/// page imports it by (`/@fs/<runtime>/client/hmr.js`), so there is one HMR client instance;
/// `moduleUrl` is the module's own URL without `?t=`/`?v=` (`/src/app/Counter.tsx`): the key the
/// update payloads' `path`/`acceptedPath` use. Both become JSON string literals.
std::string hotContextPrelude(std::string_view hmrClientUrl, std::string_view moduleUrl);

} // namespace sy
