#pragma once
// workerd's built-in `cloudflare:workers` module as the engine serves it to the
// worker and ssr environments (they run in one isolate).

namespace sy {

class Environment;

/// Registers `cloudflare:workers` (virtual:switchyard:cloudflare-workers: env,
/// exports, WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget,
/// RpcStub) and the modules behind it: virtual:switchyard:worker-rpc (the
/// worker's entrypoints: SELF, `exports`, `ctx.exports`, service bindings to
/// itself and to auxiliary Workers; js/workerRpc.js) over
/// virtual:switchyard:rpc-stubs (JS RPC's clones and stubs; js/rpcStubs.js),
/// and virtual:switchyard:worker-events (ExecutionContext,
/// ScheduledController, MessageBatch as workerd builds them; js/workerEvents.js),
/// which `cloudflare:test` shares.
void addCloudflareWorkersModules(Environment &environment);

} // namespace sy
