#pragma once
// The bindings of a wrangler config that are not storage (env/projectConfig.h
// reads kv_namespaces, d1_databases and assets): service bindings, which the
// worker isolate serves when they point at the worker itself, and the binding
// types Switchyard does not model yet, which env still holds, as an object
// that fails with an error naming the type when used (never `undefined`).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sy {

/// One such binding of the worker's `env`.
struct WorkerBinding {
    std::string name; ///< the env property (wrangler's `binding`, or `name`)
    /// "service" (a service binding to this worker: JS RPC in the isolate),
    /// "worker" (a service binding to an auxiliary Worker of the Workers
    /// pool's miniflare.workers, `service`: it runs in a realm of the same
    /// isolate, env/auxiliaryWorkers.h), "unsupported" (a binding type
    /// Switchyard does not model yet), "node" (a
    /// service binding the Workers pool's miniflare options give as a function:
    /// env.NAME.fetch calls it in Node, callVitestConfigHandler) or "outbound"
    /// (miniflare's outboundService: the worker's global fetch() goes to that
    /// function; `name` is empty).
    std::string kind;
    /// What the binding is, as Cloudflare's docs call it ("Durable Object
    /// namespace", "R2 bucket", "Queue producer", "service binding to the
    /// Worker \"other\"", ...): the words of the error a test gets.
    std::string type;
    std::string configKey;        ///< where wrangler declares it ("r2_buckets", "services", ...)
    std::string service;          ///< service / worker: the Worker's name (wrangler `service`)
    std::string entrypoint;       ///< service: the entrypoint export ("default" when not given)
    std::string propsJson = "{}"; ///< service: wrangler `props` (the callee's ctx.props)
    int nodeHandler = 0;          ///< node / outbound: the config tool's handler id
};

/// Reads `services`, `durable_objects.bindings`, `r2_buckets`,
/// `queues.producers`, `workflows`, `analytics_engine_datasets`, `ai`,
/// `vectorize`, `hyperdrive`, `browser`, `send_email`, `dispatch_namespaces`,
/// `mtls_certificates`, `secrets_store_secrets`, `images`, `version_metadata`,
/// `ratelimits`, `pipelines`, `worker_loaders`, `vpc_services` and `unsafe.bindings` of a parsed
/// wrangler config. A service whose `service` is `workerName` (this worker) becomes kind "service",
/// any other kind "unsupported" (the other Worker does not run here). Entries without a binding
/// name are skipped (wrangler refuses them).
std::vector<WorkerBinding> readWorkerBindings(const nlohmann::json &config,
                                              const std::string &workerName);

/// The list as realmSetup.js reads it (WorkerOptions::workerBindingsJson):
/// [{ name, kind, type, configKey, entrypoint, props, handler }].
std::string workerBindingsJson(const std::vector<WorkerBinding> &bindings);

} // namespace sy
