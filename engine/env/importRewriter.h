#pragma once
// Rewrites a module's import specifiers to resolved ids (server environments)
// or URLs (client), and applies CommonJS interop for pre-bundled deps the way
// Vite's interopNamedImports does (vite/src/node/plugins/importAnalysis.ts):
// a CJS pre-bundle only has a default export (module.exports), so named
// imports are read off it.
#include "core/jsString.h"
#include "lex/lexedModule.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sy {

/// Where one import goes. `specifier` replaces the original string (an id,
/// a URL, with `?v=<browserHash>` for optimized deps). `interop` is true when
/// the target is a CommonJS pre-bundle.
struct ImportTarget {
    std::string specifier;
    bool interop = false;
};

struct RewriteResult {
    bool ok = true;
    std::string code;
    std::string error; ///< e.g. an import clause we could not read, with its offset
};

/// Decides each import's target; nullopt leaves that import unchanged
/// (import.meta and non-literal dynamic imports are never passed).
using ImportTargetFn = std::function<std::optional<ImportTarget>(const ImportSpan &)>;

/// Returns `code` with every literal import rewritten. Pure function.
RewriteResult rewriteImports(std::string_view code, const LexedModule &lexed,
                             const ImportTargetFn &targetFor);

} // namespace sy
