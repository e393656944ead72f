// callServerAction for our retiring runtime (package "switchyard", runtime/):
// POSTs to the runtime's /_test route, which runs the action after middleware
// inside the request context and answers JSON in the runtime's test wire
// format. Goes away with runtime/ (issue 11).
import { exports as workerExports } from "cloudflare:workers";
import { decodeTestValue, encodeTestValue } from "switchyard/__test_wire";

/// Runs a "use server" action inside the worker's request pipeline (the
/// runtime's POST /_test route: middleware, request context, then the action)
/// and resolves with its result; rejects with the action's error (its message
/// and its stack from inside the worker). `action` is the imported action
/// function or its reference id ("/src/app/actions.ts#greet"). `options`:
/// { url = "http://localhost/", headers } for the request the action sees.
export async function callServerAction(action, args = [], options = {}) {
  const id = typeof action === "string" ? action : action && action.$$id;
  if (typeof id !== "string") {
    throw new TypeError("callServerAction() expects a server action (a function exported by a \"use server\" module) or its id");
  }
  const target = new URL("/_test", options.url || "http://localhost/");
  const headers = new Headers(options.headers || {});
  headers.set("content-type", "application/json");
  const response = await workerExports.default.fetch(new Request(target, {
    method: "POST",
    headers,
    body: JSON.stringify({ action: id, args: args.map(encodeTestValue), url: options.url || "http://localhost/" }),
  }));
  const text = await response.text();
  let reply;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new Error(`callServerAction(${id}): the worker answered ${response.status} with ${text.slice(0, 300)}`);
  }
  if (reply.ok) return decodeTestValue(reply.result);
  const error = new Error(reply.error?.message ?? `callServerAction(${id}) failed`);
  if (reply.error?.name) error.name = reply.error.name;
  if (reply.error?.stack) error.stack = reply.error.stack;
  error.status = response.status;
  throw error;
}
