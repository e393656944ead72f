#pragma once
#include "resolve/environment.h"
#include "resolve/resolveAlias.h"

#include <map>
#include <string>
#include <vector>

namespace sy {

/// How one environment resolves modules (models Vite's `resolve` options:
/// conditions, mainFields, extensions, plus the browser field switch).
struct ResolveOptions {
    /// Export conditions matched against package.json `exports`/`imports`
    /// condition objects. "default" always matches, listed or not.
    std::vector<std::string> conditions;
    /// Fields tried, in order, for a package without `exports` (e.g.
    /// {"browser","module","main"} for client; {"module","main"} for ssr/worker).
    /// A string-valued "browser" field counts as a main field; an object-valued
    /// one is a file map (see browserField).
    std::vector<std::string> mainFields;
    /// Honour the package.json "browser" object map (client only): it replaces
    /// files (and bare imports made from inside the package) by other files, or
    /// by `false` = an empty module (Resolution::browserExternal).
    bool browserField = false;
    /// Extensions probed, in order, for an extension-less file or a directory
    /// index ("index" + extension).
    std::vector<std::string> extensions = {".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".json"};
    /// Map bare specifiers through the importer's tsconfig.json / jsconfig.json
    /// `paths` and `baseUrl` first (vite-tsconfig-paths; see TsconfigPaths),
    /// falling through to normal resolution when no mapped file exists.
    bool tsconfigPaths = false;
    /// Importers below these folders are never mapped (the engine's runtime).
    std::vector<std::string> tsconfigIgnoredDirs;
    /// Vite's resolve.alias, applied to every specifier before anything else
    /// (see resolveAlias.h); the result is resolved from the same importer.
    std::vector<ResolveAlias> alias;
    /// An alias result starting with "/" is first tried under this folder (the
    /// app root: Vite's root-relative "/src/x"), then as a file system path.
    std::string aliasRoot;
};

/// Default options per environment (conditions in priority order):
///  - client: browser, import, module, development, default; mainFields
///    browser, module, main; browserField on.
///  - ssr: workerd, worker, import, module, development, default; mainFields
///    module, main.
///  - worker: react-server, workerd, worker, import, module, development,
///    default; mainFields module, main.
ResolveOptions resolveOptionsFor(EnvironmentKind kind);

} // namespace sy
