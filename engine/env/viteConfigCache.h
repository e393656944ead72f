#pragma once
// A cache of what reading vite.config.* gave, so a restart does not bundle and
// evaluate the config again (~150-400 ms: the tool host's start, esbuild, the
// config's evaluation). Vite itself re-bundles the config on every start; the
// cache is only used when nothing the config could have seen has changed:
//   - the config file and every file esbuild bundled into it (size, mtime, content),
//   - the app's package.json, package-lock.json and node_modules/.package-lock.json
//     (an npm install that changes a plugin package), the .env files of the mode,
//   - the environment variables the config's evaluation looked up (process.env
//     reads recorded by the tool; all of them when it enumerated process.env),
//   - the mode, the command and the tool's own source.
// A config that reads other files at evaluation time (fs.readFileSync) is not
// covered; delete .switchyard/vite-config.json (or any input) to re-read.
#include <string>
#include <vector>

namespace sy {

/// What keys one cached read: everything but the files' contents.
struct ViteConfigCacheKey {
    std::string root;       ///< canonical app folder
    std::string file;       ///< the config read (absolute)
    std::string mode;       ///< Vite's mode ("development")
    std::string command;    ///< "serve"
    std::string toolSource; ///< the viteConfig tool's source (a new build re-reads)
};

/// The files one read depends on: `bundled` (from esbuild's metafile, absolute
/// paths) plus the app files listed above, each with its size, mtime (ns) and content hash;
/// a file that does not exist is recorded as missing, so creating it re-reads.
std::vector<std::string> viteConfigWatchedFiles(const ViteConfigCacheKey &key,
                                                const std::vector<std::string> &bundled);

/// The tool's JSON result cached under `cacheDir`/vite-config.json for `key`,
/// or "" when there is none or any input changed (any error reads as a miss).
std::string findCachedViteConfig(const std::string &cacheDir, const ViteConfigCacheKey &key);

/// Stores `resultJson` (the tool's result) with the state of `files` now.
/// Failing to write is not an error (the next start reads the config again).
void storeCachedViteConfig(const std::string &cacheDir, const ViteConfigCacheKey &key,
                           const std::vector<std::string> &files, const std::string &resultJson);

} // namespace sy
