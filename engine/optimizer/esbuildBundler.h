#pragma once
// Runs the esbuild CLI (the native binary from tools/js/node_modules) to
// pre-bundle dependencies: ESM output with code splitting, CommonJS converted
// to ESM, one output file per entry plus shared chunks. We use esbuild rather
// than our own bundler: bundling is not what Switchyard exists for.
#include <map>
#include <string>
#include <vector>

namespace sy {

struct EsbuildRequest {
    std::string esbuildPath;                    ///< native esbuild binary
    std::string outDir;                         ///< absolute, created/emptied by the caller
    std::map<std::string, std::string> entries; ///< output name (no .js) -> absolute entry file
    std::vector<std::string> conditions; ///< esbuild --conditions (import/default are implicit)
    std::vector<std::string> mainFields; ///< esbuild --main-fields
    std::string platform = "neutral";    ///< browser | neutral
    /// esbuild --target (e.g. "chrome102": syntax newer than V8 10.2 is
    /// lowered, `using` and decorators included); empty: esbuild's esnext.
    std::string target;
    std::map<std::string, std::string> defines; ///< e.g. process.env.NODE_ENV -> "\"development\""
    std::vector<std::string> externals;         ///< never bundled (e.g. our state module)
    std::string banner; ///< --banner:js: text put at the top of every output file
    /// NODE_PATH for esbuild: folders searched for a bare import after node_modules
    /// (the client's browser-external stubs of Node.js built-ins).
    std::vector<std::string> nodePaths;
    int timeoutMs = 120000;
};

/// One import esbuild left in its output (the metafile's `external: true`
/// imports): which bundled file has it, the import's text and its kind
/// ("import-statement", "require-call", "dynamic-import", ...).
struct EsbuildExternalImport {
    std::string importer; ///< absolute path of the bundled file
    std::string path;     ///< the specifier as written ("react", "node:fs")
    std::string kind;
};

struct EsbuildResult {
    bool ok = false;
    std::string error;                               ///< esbuild's stderr or the spawn failure
    std::map<std::string, std::string> entryOutputs; ///< output name -> absolute output file
    std::vector<std::string> chunks;                 ///< absolute chunk files (not entries)
    std::map<std::string, std::string>
        entryFormats; ///< output name -> entry's input format ("cjs" | "esm" | "")
    /// Absolute paths of the files esbuild bundled (the metafile's inputs):
    /// what the pre-bundles reached, e.g. for the package directive modules.
    std::vector<std::string> inputs;
    /// The imports of those files that stayed imports (externals), in metafile order.
    std::vector<EsbuildExternalImport> externalImports;
    double durationMs = 0;
};

/// Runs esbuild synchronously (blocks the calling thread until done or
/// `timeoutMs`). Reads `--metafile` to map entries to outputs.
EsbuildResult runEsbuild(const EsbuildRequest &request);

/// esbuild's version string ("0.28.2"), or empty if the binary is missing.
/// Read from the npm package.json beside the binary when there is one, else
/// `esbuild --version`; once per binary and process (cached, thread-safe).
std::string esbuildVersion(const std::string &esbuildPath);

} // namespace sy
