#pragma once
// Vite's module queries and request kinds, as plain string functions:
//   ?import  an import of a non-JS file from a module (the browser's request
//            asks for a JS module, not the file): Vite's importAnalysis adds
//            it (isExplicitImportRequired) and strips it again on the server
//   ?raw ?url ?inline  what an import of a file becomes (text, its URL, a
//            data: URL); part of the module's identity (a distinct node)
//   ?module  wrangler's alias of a .wasm import (CompiledWasm)
//   ?direct  a stylesheet the browser loads itself (<link>), see the css part
//   ?v= ?t=  pre-bundle browserHash and HMR timestamp: never part of an id
// Used by the environments (module ids, client URLs) and the dev server's
// router (which requests are modules, which are files).
#include <string>
#include <string_view>
#include <utility>

namespace sy {

/// Whether `query` ("?a&raw", "" or without '?') has the parameter `flag`
/// without a value ("raw", "raw=" and "??raw" count).
bool hasQueryFlag(std::string_view query, std::string_view flag);

/// `query` without the parameter `flag` (any value): "?import&raw" -> "?raw",
/// "?import" -> "".
std::string removeQueryParam(std::string_view query, std::string_view flag);

/// Vite's injectQuery: `url` with `flag` first in its query, the rest kept:
/// ("/x.svg", "import") -> "/x.svg?import", ("/x.md?raw", "import") ->
/// "/x.md?import&raw". A url that already has it is returned unchanged.
std::string injectQuery(std::string_view url, std::string_view flag);

/// Splits an id or URL with a query into the module's identity (the path plus
/// the flags that make it a different module: raw, url, inline, module, init,
/// direct, in their order) and the rest of the query (v=, t=, import, ...):
/// "/a/x.md?t=5&raw" -> {"/a/x.md?raw", "?t=5"}. Ids starting "virtual:" are
/// returned whole.
std::pair<std::string, std::string> splitModuleId(std::string_view idWithQuery);

/// The path part of an id (before '?'); ids starting "virtual:" whole.
std::string_view pathOfId(std::string_view id);

/// The identity query of an id ("?raw", or "" when none).
std::string_view identityQueryOf(std::string_view id);

/// Vite's isJSRequest for a path: .js .jsx .ts .tsx .mjs .mts (and .cjs
/// .cts, which this engine serves as modules too).
bool isJsRequestPath(std::string_view path);

/// Vite's isCSSRequest for a path: .css .less .sass .scss .styl .stylus
/// .pcss .postcss .sss.
bool isCssRequestPath(std::string_view path);

/// Whether a bare import resolving to `path` in node_modules is pre-bundled
/// (Vite's OPTIMIZABLE_ENTRY_RE: .js .mjs .cjs .jsx .ts .mts .cts .tsx);
/// any other file of a package (JSON, CSS, an asset) is its own module.
bool isOptimizableEntry(std::string_view path);

/// Vite's isExplicitImportRequired: a client import of this file needs
/// `?import` (neither JS nor CSS), so the browser's request for it is told
/// apart from a direct load of the file.
bool needsExplicitImport(std::string_view path);

/// Whether a client request for the existing file `path` with `query` is a
/// direct one (an <img src>, a link, fetch(): answer the file's bytes with
/// its MIME type) rather than a module request: not JS and no `import`,
/// `raw`, `url` or `inline` flag. CSS: a stylesheet imported from JS comes
/// without a flag as in Vite; the css part of issue 10 decides that case
/// (isCssModuleRequest), this function only says "not a module flag".
bool isDirectFileRequest(std::string_view path, std::string_view query);

} // namespace sy
