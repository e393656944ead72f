#pragma once
// Auxiliary Workers of a test run: the Workers Vitest pool's `miniflare.workers`
// (@cloudflare/vitest-pool-workers runs each next to the runner worker in one
// miniflare instance, configured with miniflare's WorkerOptions, since they cannot
// load a wrangler config). Switchyard runs each in a realm of the test file's
// isolate (WorkerIsolate::createRealm with its own entry, env and bindings), and a
// service binding naming it (miniflare `serviceBindings`, wrangler `services`)
// reaches it through JS RPC (engine/env/js/workerRpc.js: peer stubs).
#include "core/bindingHost.h"
#include "env/workerBindings.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sy {

/// One entry of miniflare `workers`, as read from the Vitest config.
struct AuxiliaryWorker {
    std::string name; ///< miniflare `name`: what service bindings name
    /// Absolute path of its main module: `scriptPath` (relative to the config's
    /// folder), or the file writeInlineModules() wrote for `script` / `modules`.
    std::string entryPath;
    /// `script`, or `modules` given with `contents`: [(relative path, source)], the
    /// first one is the main module; written under <cacheDir>/auxiliary-workers/<name>/.
    std::vector<std::pair<std::string, std::string>> inlineModules;
    std::string varsJson = "{}";            ///< miniflare `bindings` (plain values in env)
    std::vector<BindingDescriptor> storage; ///< `kvNamespaces`, `d1Databases`
    /// `serviceBindings` as given: binding name -> target (a worker name, an object
    /// { name, entrypoint, props }, or { nodeHandler: id } for a function).
    std::vector<std::pair<std::string, nlohmann::json>> serviceTargets;
    int outboundHandler = 0; ///< `outboundService` given as a function, 0 = none
    /// Bindings of types Switchyard does not model (durableObjects, r2Buckets, ...):
    /// env.NAME fails with an error naming the type.
    std::vector<WorkerBinding> unsupported;
    /// What its realm gets (resolveServiceBindings): serviceTargets resolved, the
    /// outbound handler and `unsupported`, as env/workerBindings.h describes them.
    std::vector<WorkerBinding> bindings;
};

/// Reads miniflare `workers` (an array of WorkerOptions objects). `root` is the
/// Vitest config's folder, `at` prefixes messages ("vitest.config.ts: cloudflareTest()
/// miniflare.workers"). Options that do not change what Switchyard runs are named
/// in `warnings`. False + error for an entry without a name or a main module, two
/// entries with one name, or a service-worker script (modules: false).
bool readAuxiliaryWorkers(const nlohmann::json &workers, const std::string &root,
                          const std::string &at, std::vector<AuxiliaryWorker> &out,
                          std::vector<std::string> &warnings, std::string &error);

/// The binding `name` of a miniflare `serviceBindings` entry whose target is
/// `target` (as AuxiliaryWorker::serviceTargets holds it), for a worker named
/// `selfName` beside the auxiliary workers `auxiliaryNames`: "service" (the worker
/// itself, also miniflare's kCurrentWorker), "worker" (an auxiliary worker),
/// "node" (a function of the config) or "unsupported" (a Worker that does not
/// run here, network / external / disk services).
WorkerBinding serviceBindingFor(const std::string &name, const nlohmann::json &target,
                                const std::string &selfName,
                                const std::vector<std::string> &auxiliaryNames);

/// Turns the "unsupported" wrangler `services` of `bindings` whose `service` is
/// one of `auxiliaryNames` into "worker" bindings.
void bindServicesToAuxiliaryWorkers(std::vector<WorkerBinding> &bindings,
                                    const std::vector<std::string> &auxiliaryNames);

/// Resolves the runner worker's miniflare `serviceTargets` into `bindings` (its
/// wrangler bindings; one of the same name is replaced), its wrangler `services`
/// naming an auxiliary worker, and each auxiliary worker's own service bindings
/// (one naming `selfName` reaches the runner worker), and writes their inline
/// modules under `cacheDir`. False + error when a module cannot be written.
bool resolveServiceBindings(
    const std::vector<std::pair<std::string, nlohmann::json>> &serviceTargets,
    const std::string &selfName, const std::string &cacheDir, std::vector<WorkerBinding> &bindings,
    std::vector<AuxiliaryWorker> &workers, std::string &error);

/// Writes the inline modules of `worker` under `cacheDir`/auxiliary-workers/<name>/
/// (only files whose text changed) and sets its entryPath. False + error when a
/// file cannot be written or a module path leaves that folder.
bool writeInlineModules(AuxiliaryWorker &worker, const std::string &cacheDir, std::string &error);

} // namespace sy
