#pragma once
// The optimizer's `_metadata.json`, modelled on Vite's DepOptimizationMetadata
// (vite/src/node/optimizer/index.ts): hash, configHash, lockfileHash,
// browserHash, optimized{id: {src, file, fileHash, needsInterop, browserHash}},
// chunks{id: {file}}. Hashes are 8 hex chars of SHA-256.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sy {

/// Vite's flattenId, the file name (without .js) of a dep's bundle:
/// "react-dom/server.edge" -> "react-dom_server__edge".
std::string flattenId(const std::string &id);

/// One pre-bundled dependency. `id` is the bare specifier ("react",
/// "react-dom/server.edge"); `src` the resolved entry file; `file` the bundle
/// (absolute path); `fileHash` hashes the bundle's content; `browserHash` is
/// what importers put into `?v=`; `needsInterop` is true when the entry is
/// CommonJS, so importers must go through the default export for names.
struct OptimizedDepInfo {
    std::string id;
    std::string src;
    std::string file;
    std::string fileHash;
    std::string browserHash;
    bool needsInterop = false;
};

struct DepsMetadata {
    std::string hash;         ///< shortHash(lockfileHash + configHash)
    std::string configHash;   ///< environment, conditions, defines, esbuild version
    std::string lockfileHash; ///< the app's lockfile
    std::string browserHash;  ///< of the latest optimizer run
    std::map<std::string, OptimizedDepInfo> optimized; ///< by id
    std::map<std::string, std::string> chunks;         ///< chunk file name -> absolute file
    /// Package files the bundles keep as imports of their own (absolute real
    /// paths; packageModuleExternals.h): "packageModules" in the JSON.
    std::vector<std::string> packageModules;
    /// Every file the bundles hold (absolute real paths, esbuild's metafile
    /// inputs, sorted): "inputs" in the JSON. An additive run checks that its
    /// own inputs are none of these (additiveRun.h).
    std::vector<std::string> inputs;
    /// Whether `inputs` was recorded (metadata written before it was are not).
    bool inputsKnown = false;

    /// Serializes to the `_metadata.json` text (paths relative to `dir`).
    std::string toJson(const std::string &dir) const;
    /// Parses `_metadata.json` text; nullopt on malformed input.
    static std::optional<DepsMetadata> fromJson(const std::string &text, const std::string &dir);
};

} // namespace sy
