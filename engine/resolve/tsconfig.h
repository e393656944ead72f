#pragma once
// tsconfig.json / jsconfig.json as TypeScript reads them for module
// resolution (what vite-tsconfig-paths gets from tsconfck): JSONC (comments,
// trailing commas), `extends` (a relative file, an array as TS 5.0 allows, or
// a package: "@tsconfig/strictest/tsconfig.json", or a package whose
// package.json names its config in a "tsconfig" field), the merged
// `compilerOptions.baseUrl` / `paths` / `allowJs` / `checkJs` / `outDir`,
// `files` / `include` / `exclude`, `references`, and TS 5.5's `${configDir}`.
#include <string>
#include <vector>

namespace sy {

/// One `compilerOptions.paths` entry after extends and ${configDir}.
struct TsconfigPathPattern {
    std::string key;                  ///< as written, e.g. "@/*" (at most one '*')
    std::vector<std::string> targets; ///< absolute, '*' kept, e.g. "/app/src/*"
};

/// A config with its extends chain applied (TypeScript's rules: each extended
/// config first, in array order, then the file's own settings; compiler
/// options override one by one, `paths` as a whole; files/include/exclude are
/// taken from the last config that sets them; relative paths are relative to
/// the config that wrote them, `${configDir}` is this file's folder;
/// `references` are this file's own).
struct Tsconfig {
    std::string file; ///< absolute path
    std::string dir;  ///< its folder
    bool ok = false;
    /// When !ok: "<file>:<line>:<column>: <reason>", e.g. a JSONC syntax
    /// error, an `extends` that names no file, a circular extends chain.
    std::string error;
    std::string errorFile; ///< the config at fault (may be an extended one)
    int errorLine = 0, errorColumn = 0;

    std::string baseUrl;                    ///< absolute; empty when unset
    bool hasPaths = false;                  ///< compilerOptions.paths is set
    std::vector<TsconfigPathPattern> paths; ///< targets relative to baseUrl, else the paths' config
    bool allowJs = false;                   ///< allowJs or checkJs, or a jsconfig.json
    /// compilerOptions.experimentalDecorators: TypeScript's legacy decorators
    /// instead of TC39's (what the syntax lowering compiles them as).
    bool experimentalDecorators = false;
    std::string outDir; ///< absolute; empty when unset
    bool hasFiles = false, hasInclude = false, hasExclude = false;
    std::vector<std::string> files;      ///< absolute
    std::vector<std::string> include;    ///< absolute glob patterns
    std::vector<std::string> exclude;    ///< absolute glob patterns
    std::vector<std::string> references; ///< absolute config files (project references)
    /// This file and every config it extends, in reading order: a change to
    /// any of them changes this result.
    std::vector<std::string> readFiles;
};

/// Reads `file` (absolute) and everything it extends. Never throws; a missing
/// or unreadable `file` gives ok == false with the reason.
Tsconfig loadTsconfig(const std::string &file);

/// Whether `file` (absolute) belongs to the config's program the way tsc
/// decides it: listed in `files`, or matched by `include` (default "**/*",
/// none when only `files` is given) and not by `exclude` (default
/// node_modules, bower_components, jspm_packages and outDir). Globs: `*` and
/// `?` within one path segment, `**/` any number of folders; a pattern whose
/// last segment has no wildcard also matches everything below it (a folder);
/// wildcards never match names that start with a dot.
bool tsconfigIncludes(const Tsconfig &config, const std::string &file);

/// Where `specifier` may live according to `config`, in the order to try:
/// the exact `paths` key, then the wildcard keys that match, longest prefix
/// first (each with its targets in order, '*' replaced), then `baseUrl` +
/// specifier. `fromBaseUrl` counts how many trailing entries come from
/// baseUrl (vite-tsconfig-paths ignores a baseUrl result that is a .json file
/// the specifier did not name).
std::vector<std::string> tsconfigCandidates(const Tsconfig &config, std::string_view specifier,
                                            size_t *fromBaseUrl = nullptr);

/// Glob match of one absolute `pattern` against an absolute `path` (rules of
/// tsconfigIncludes; exposed for tests).
bool tsconfigGlobMatch(std::string_view pattern, std::string_view path);

} // namespace sy
