#pragma once
// What a request or an import of a stylesheet asks for, decided on its path,
// its query and (for requests) its Accept header, as Vite 7 decides it:
//   import "./x.css"          a JS module that injects the stylesheet (client)
//                             or a module without side effect (ssr, worker)
//   import "./x.module.css"   the same, exporting the CSS module's class map
//   import "./x.css?inline"   the processed CSS as a string, nothing injected
//   <link href="/x.css">      the browser asks with Accept: text/css; the dev
//                             server marks it `?direct` and answers text/css
// (`?url` and `?raw` of any file are the assets part's: assetModules.h.)
#include <string>
#include <string_view>

namespace sy {

/// Vite's CSS_LANGS_RE on a path (no query): .css .less .sass .scss .styl
/// .stylus .pcss .postcss .sss (case-insensitive).
bool isStylesheetPath(std::string_view path);

/// Vite's cssModuleRE: a CSS module ("card.module.css", any CSS language),
/// whose class names are hashed and exported.
bool isCssModulePath(std::string_view path);

/// Vite's isDirectCSSRequest: a stylesheet id or URL whose query has the
/// `direct` flag (the browser loads it itself: <link>, @import from CSS).
bool isDirectCssRequest(std::string_view idOrUrl);

/// Vite's transformMiddleware rule: a request `target` (path + query) for a
/// stylesheet whose `accept` header includes "text/css" and whose query has
/// neither `direct` nor a module flag (`import`, `raw`, `url`, `inline`) is a
/// <link>'s: returned with `direct` first in its query ("/x.css?t=1" ->
/// "/x.css?direct&t=1"). Anything else is returned unchanged.
std::string markDirectCssRequest(std::string_view target, std::string_view accept);

/// A stylesheet module whose server-side code never changes with its
/// content: a plain (not CSS module) stylesheet imported for its side
/// effect, `export {}` in ssr and worker (Vite). Its edits need no server
/// re-render. `id` is a module id (path + identity query such as ?inline).
bool isSideEffectStylesheetId(std::string_view id);

/// A changed file whose edit can change only which class candidates Tailwind
/// finds, never whether a stylesheet builds: a script or markup module (.js
/// .jsx .ts .tsx .mjs .cjs .mts .cts .html .md .mdx .vue .svelte .astro) that
/// is not a PostCSS or Tailwind config (postcss.config.*, tailwind.config.*).
/// The hot updater does not build a linked stylesheet again for such an edit
/// (it invalidates it; the browser's re-fetch after the css-update builds
/// it, as under Vite), so the component's js-update is not held for Tailwind.
bool onlyFeedsStylesheetCandidates(std::string_view file);

} // namespace sy
