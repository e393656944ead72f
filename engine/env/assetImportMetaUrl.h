#pragma once
// Vite's assetImportMetaUrl plugin in dev, client environment only:
//   new URL('./img/x.png', import.meta.url)
// becomes
//   new URL("/src/app/img/x.png", import.meta.url)
// so the browser asks the dev server for the file itself (a direct request:
// its bytes), whatever URL the importing module was served at. Template
// literals with ${} and URLs that are not relative paths (data:, http:,
// /abs) are left as written, like a file that does not exist (Vite warns
// and keeps them too).
#include <functional>
#include <optional>
#include <string>

namespace sy {

/// Rewrites every `new URL("<relative path>", import.meta.url)` in `code`
/// whose path `urlFor` maps to a URL; `urlFor` gets the literal's value
/// ("./img/x.png") and returns nullopt to leave it. Lines never change.
std::string rewriteNewUrlImportMetaUrl(
    const std::string &code,
    const std::function<std::optional<std::string>(const std::string &path)> &urlFor);

} // namespace sy
