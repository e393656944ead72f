#pragma once
// The Workers Vitest pool's options (@cloudflare/vitest-pool-workers) as a
// vitest.config gives them: `cloudflareTest({...})` / `cloudflarePool({...})`
// (0.10+, Vitest 4) or `test.poolOptions.workers` (0.5-0.9, Vitest 2-3,
// defineWorkersConfig / defineWorkersProject). What Switchyard applies:
// `main`, `wrangler.configPath`, `wrangler.environment`, `isolatedStorage`,
// `singleWorker`, and of `miniflare`: `bindings` (plain values in env),
// `kvNamespaces`, `d1Databases`, `compatibilityDate`, `compatibilityFlags`,
// `serviceBindings` (functions are Node-side handlers: the config tool marks
// each { nodeHandler: id }, callVitestConfigHandler runs it; names of the worker
// itself or of an auxiliary worker are JS RPC stubs), `outboundService` (a
// function) and the auxiliary `workers` (env/auxiliaryWorkers.h). Everything
// else (durableObjects, r2Buckets, queue producers, ...) is named in `warnings`.
#include "core/bindingHost.h"
#include "env/auxiliaryWorkers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sy {

struct WorkersPoolOptions {
    bool present = false;           ///< the config uses the Workers pool
    std::string generation;         ///< "plugin" (cloudflareTest/cloudflarePool) or "poolOptions"
    /// The package the config imported the pool from ("@cloudflare/vitest-pool-workers", or
    /// its v1 name "@cloudflare/vitest-plugin"): the pool's own messages name it.
    std::string packageName = "@cloudflare/vitest-pool-workers";
    std::string main;               ///< absolute `main`, "" = wrangler's
    std::string wranglerConfigPath; ///< absolute `wrangler.configPath`, ""
    std::optional<std::string> wranglerEnvironment;     ///< `wrangler.environment`
    std::optional<bool> isolatedStorage;                ///< 0.5-0.9 only (default true there)
    std::optional<bool> singleWorker;                   ///< 0.5-0.9 only (default false)
    nlohmann::json bindings = nlohmann::json::object(); ///< miniflare.bindings
    std::vector<BindingDescriptor> storage;             ///< miniflare.kvNamespaces, d1Databases
    std::optional<std::string> compatibilityDate;
    std::optional<std::vector<std::string>> compatibilityFlags;
    /// miniflare.serviceBindings given as functions: env name -> handler id.
    std::vector<std::pair<std::string, int>> nodeServices;
    /// miniflare.serviceBindings not given as functions: env name -> target (a
    /// worker name or { name, entrypoint, props }), resolved by the project
    /// (serviceBindingFor) once the worker's own name is known.
    std::vector<std::pair<std::string, nlohmann::json>> serviceTargets;
    /// miniflare.workers: Workers that run beside the one under test.
    std::vector<AuxiliaryWorker> auxiliaryWorkers;
    int outboundHandler = 0;           ///< miniflare.outboundService's handler id, 0 = none
    std::vector<std::string> warnings; ///< what is not applied, one line each
};

/// miniflare's kvNamespaces / d1Databases: ["NAME", ...] (the id is the name) or
/// { NAME: "id" | { id } }, appended to `out`. False + error (prefixed `where`) for
/// another shape.
bool readMiniflareStorage(const nlohmann::json &value, BindingKind kind, const std::string &where,
                          std::vector<BindingDescriptor> &out, std::string &error);

/// Reads the `pool` member of VitestConfigRead::testJson ({generation,
/// options} or null). Paths are relative to `root` (Vitest's root: the
/// config's folder). `fileName` (e.g. "vitest.config.ts") prefixes warnings
/// and errors. False + error for an option of the wrong type.
bool readWorkersPoolOptions(const nlohmann::json &pool, const std::string &root,
                            const std::string &fileName, WorkersPoolOptions &out,
                            std::string &error);

} // namespace sy
