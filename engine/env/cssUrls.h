#pragma once
// url() rebasing of stylesheets: what Vite's url rewriting does to the url()
// and image-set() references of a stylesheet and of each one it imports.
#include <functional>
#include <string>

namespace sy {

/// Rewrites a url() reference written in `importer` (see CssProcessInput).
using CssRewriteUrlFn =
    std::function<std::string(const std::string &specifier, const std::string &importer)>;

/// Passes every url() and image-set() string reference of `text` (written in
/// `file`) to `rewriteUrl` and puts what it returns in its place (quoted when
/// needed). Left alone: data:, any scheme:, `//` and `#` references, url()s
/// that hold a function (url(var(--x))), and anything in comments or other
/// strings.
std::string rewriteCssUrls(const std::string &text, const std::string &file,
                           const CssRewriteUrlFn &rewriteUrl);

} // namespace sy
