#pragma once
// @import inlining of stylesheets: what postcss-import does under Vite to a
// stylesheet before its PostCSS plugins run (with url() rebasing, cssUrls.h).
#include "env/cssUrls.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sy {

/// Resolves an @import specifier written in `importer` (see CssProcessInput).
using CssResolveFn = std::function<std::optional<std::string>(
    const std::string &specifier, const std::string &importer, std::string &error)>;
/// Reads a resolved stylesheet (see CssProcessInput::readFile); empty: plain reads.
using CssReadFn =
    std::function<bool(const std::string &file, std::string &text, std::string &error)>;

/// One stylesheet with its local @imports inlined.
struct InlinedCss {
    bool ok = false;
    std::string css;
    /// Every stylesheet inlined (absolute paths, in order, each once).
    std::vector<std::string> files;
    /// Where a line of `css` came from: the segment starting at output line
    /// `outLine` (1-based) is `file` from line `srcLine` on, columns kept
    /// (lines of wrappers such as `@media ... {` have an empty file).
    struct Segment {
        int outLine = 0;
        std::string file;
        int srcLine = 0;
    };
    std::vector<Segment> segments;
    std::string error; ///< !ok: what went wrong and what to do
    std::string errorFile;
    int errorLine = 0, errorColumn = 0; ///< 1-based; 0 when unknown

    /// The stylesheet and line an output line came from ({"", 0} for a
    /// wrapper line or an unknown line).
    std::pair<std::string, int> origin(int outLine) const;
};

/// Inlines the @import rules at the top of `source` (after @charset and
/// @layer statements, before the first other rule, as CSS allows them) the
/// way postcss-import does under Vite:
/// - each specifier (string or url()) is resolved with `resolve` relative to
///   the stylesheet that wrote it; remote ones (http:, https:, //) are kept
///   and hoisted to the top of the output;
/// - conditions wrap the imported rules: `@import "a.css" layer(x)
///   supports(display: grid) screen` becomes `@media screen { @supports
///   (display: grid) { @layer x { ... } } }` (anonymous `layer` gives an
///   anonymous `@layer { }`); nested imports nest their conditions;
/// - the same file under the same conditions is inlined once (postcss-import's
///   skipDuplicates); an imported file's @charset is dropped;
/// - url() and image-set() references in every inlined file are passed to
///   `rewriteUrl` with the file that wrote them (data:, any scheme:, `//` and
///   `#` references are left alone).
/// Every imported file is read with `read` (the client environment's
/// FilePolicy: a file it refuses is never inlined).
/// Errors (ok=false, with the @import's file, line and column): a specifier
/// that does not resolve, a file that `read` refuses or cannot read (with its
/// reason), a resolved file that is not a .css file (preprocessors are not
/// supported), an @import cycle.
InlinedCss inlineCssImports(const std::string &file, const std::string &source,
                            const CssResolveFn &resolve, const CssRewriteUrlFn &rewriteUrl,
                            const CssReadFn &read = {});

} // namespace sy
