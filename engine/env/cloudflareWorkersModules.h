#pragma once
// workerd's built-in `cloudflare:workers` module as the engine serves it to the
// worker and ssr environments (they run in one isolate).

namespace sy {

class Environment;

/// Registers `cloudflare:workers` (virtual:switchyard:cloudflare-workers: env,
/// exports, WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget) and
/// the two modules behind it: virtual:switchyard:worker-rpc (JS RPC between
/// the worker's own entrypoints: SELF, `exports`, service bindings to itself;
/// js/workerRpc.js) and virtual:switchyard:worker-events (ExecutionContext,
/// ScheduledController, MessageBatch as workerd builds them; js/workerEvents.js),
/// which `cloudflare:test` shares.
void addCloudflareWorkersModules(Environment &environment);

} // namespace sy
