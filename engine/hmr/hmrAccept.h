#pragma once
// What a transformed client module accepts: Vite's lexAcceptedHmrDeps
// (vite/src/node/plugins/importAnalysis.ts) over our lexer's import.meta spans.
#include "lex/lexedModule.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// One dependency named in `import.meta.hot.accept("dep", cb)` / `accept(["a", "b"], cb)`.
struct HmrAcceptedDep {
    std::string specifier;  ///< unescaped string value, as written ("./dep.ts")
    int64_t s = -1, e = -1; ///< byte range of the literal INCLUDING its quotes (to rewrite it)
};

/// The HMR API uses of one module.
struct HmrAcceptInfo {
    /// `import.meta.hot` appears at all: the engine injects the hot context (hotContext.h).
    bool usesHot = false;
    /// `import.meta.hot.accept()` or `accept(cb)`: the module is its own boundary.
    bool isSelfAccepting = false;
    /// Every dependency accepted, in source order (duplicates kept).
    std::vector<HmrAcceptedDep> acceptedDeps;
    /// Empty, or why an accept call could not be read (e.g. `accept([dep], cb)` with a
    /// non-literal in the array: Vite's "invalid hot.accept() usage"); what was read is kept.
    std::string error;
};

/// Looks at the text after each ImportKind::ImportMeta span of `imports` (lexed from
/// `source`, see lexModule) for `.hot` (also `?.hot`) and `.hot.accept(` (also `?.accept(`,
/// whitespace and comments allowed between tokens). The first argument decides: a string
/// literal (or a template without `${`) is an accepted dependency, an array of them a list,
/// anything else (nothing, a function) makes the module self-accepting. `acceptExports`,
/// `dispose`, `on`, ... set only usesHot. Never throws.
HmrAcceptInfo acceptedHmrDepsOf(std::string_view source, const std::vector<ImportSpan> &imports);

} // namespace sy
