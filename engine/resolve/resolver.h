#pragma once
#include "resolve/environment.h"
#include "resolve/resolveOptions.h"
#include "resolve/tsconfigPaths.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

namespace detail {
struct ResolverImpl;
}

/// Path returned in Resolution::path when the client "browser" field maps a
/// module to `false` (Vite's `__vite-browser-external`): the module must be
/// served as an empty module. Followed by the specifier (or the disabled file).
inline constexpr std::string_view kBrowserExternalPrefix = "__switchyard-browser-external:";

/// Result of one resolve() call.
struct Resolution {
    bool ok = false;
    std::string path;           ///< absolute real path (symlinks resolved)
    bool bare = false;          ///< specifier was a bare package import
    std::string packageName;    ///< for bare imports (also for files inside node_modules)
    std::string packageDir;     ///< real dir of that package
    std::string packageVersion; ///< "version" of that package's package.json
    /// when !ok: names specifier, importer, environment, and what was tried
    std::string error;
    std::vector<std::string> tried; ///< paths / export targets tried, in order
    /// "?..." suffix split off the specifier before resolving (kept verbatim,
    /// with its '?'), e.g. "?url"; path never contains it.
    std::string query;
    /// ok and the client "browser" field maps this module to false: path is
    /// kBrowserExternalPrefix + specifier and the module is empty.
    bool browserExternal = false;
    /// Specifier is a Node built-in ("node:fs"): not resolved to a file, ok is
    /// false and error says so; the environment decides what to do with it.
    bool builtin = false;
    /// ok, and the file came from the importer's tsconfig `paths` / `baseUrl`.
    bool tsconfigMapped = false;
    /// The tsconfig.json / jsconfig.json files (and the configs they extend,
    /// and the nearer config paths found absent) this answer depended on: a
    /// change to any of them may change it. Empty for relative imports.
    std::vector<std::string> configFiles;
};

/// Node/Vite-style module resolver for one environment.
///
/// Models Node's ESM resolution (relative/absolute paths, bare packages found
/// by walking node_modules upward, package.json `exports` and `imports` with
/// conditions and `*` patterns, self-references) plus Vite's extensions: main
/// fields when a package has no `exports`, extension and directory-index
/// probing (also for relative imports and main fields), "./x.js" finding
/// "x.ts"/"x.tsx" from TypeScript importers, and the client-only `browser`
/// object field. Results are real paths, so pnpm-style symlinked layouts give
/// one id per file. With ResolveOptions::tsconfigPaths, a bare specifier is
/// first mapped through the importer's tsconfig `paths` / `baseUrl`
/// (vite-tsconfig-paths); mapped targets get the same extension, index and
/// package.json probing as relative imports, and when none exists the
/// specifier resolves as usual. A config that does not parse fails the bare
/// import with the config's file, line and column.
///
/// Thread-safe: resolve() may run on several threads. package.json reads,
/// directory real paths and (importer dir, package) -> package dir lookups are
/// cached; the file watcher calls invalidatePackageJson() on package.json
/// events and clearCache() after installs.
class Resolver {
public:
    Resolver(EnvironmentKind env, ResolveOptions options);
    ~Resolver();
    Resolver(Resolver &&) noexcept;
    Resolver &operator=(Resolver &&) noexcept;

    /// Resolves `specifier` as imported by `importerFile` (an absolute file
    /// path; its directory is the base for relative specifiers and the start of
    /// the node_modules walk). Never throws; on failure ok is false and error
    /// explains. A malformed package.json gives an error naming the file and the
    /// JSON parse error.
    Resolution resolve(std::string_view specifier, std::string_view importerFile) const;

    /// The tsconfig.json / jsconfig.json whose compilerOptions govern
    /// `importerFile` (the nearest one whose include/files take it, with or
    /// without paths, as tsc and esbuild pick it) and the files
    /// that answer depends on; an empty lookup without ResolveOptions::tsconfigPaths.
    TsconfigLookup tsconfigFor(std::string_view importerFile) const;

    /// Drops one cached package.json (path of the file). Call it for created,
    /// changed and deleted package.json files.
    void invalidatePackageJson(const std::string &path);
    /// A tsconfig.json / jsconfig.json (or a config one extends) was created,
    /// changed or deleted: drops the cached configs that read it. Returns true
    /// when a cached config depended on it.
    bool invalidateTsconfig(const std::string &path);
    /// Drops every cache (package.json, real dirs, package locations, tsconfigs).
    void clearCache();

    EnvironmentKind environment() const;
    const ResolveOptions &options() const;

private:
    std::unique_ptr<detail::ResolverImpl> d;
};

} // namespace sy
