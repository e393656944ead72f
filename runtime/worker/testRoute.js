// POST /_test: runs one "use server" action the way a request would (after
// the app's middleware, inside the request context) and answers JSON instead
// of an RSC payload. Only in test isolates (__SWITCHYARD__.test), where
// cloudflare:test's callServerAction posts
//   { action: "/src/app/actions.ts#greet", args: [<testWire values>] }
// and gets { ok: true, result } or { ok: false, error: { name, message, stack } }
// (status 200 / the error's status or 500). Headers the action set on
// requestInfo.response (set-cookie, ...) are sent with the reply.
import { loadServerAction } from "./serverActions.js";
import { decodeTestValue, encodeTestError, encodeTestValue } from "../shared/testWire.js";

export const TEST_ROUTE_PATH = "/_test";

export function isTestRouteRequest(request, url) {
  return request.method === "POST" && url.pathname === TEST_ROUTE_PATH && globalThis.__SWITCHYARD__?.test === true;
}

export async function handleTestRoute(info) {
  const headers = new Headers(info.response.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  let call;
  try {
    call = await info.request.json();
    if (!call || typeof call.action !== "string" || !Array.isArray(call.args)) {
      throw Object.assign(new TypeError('/_test expects {"action": "<module>#<export>", "args": [...]}'), { status: 400 });
    }
    const fn = await loadServerAction(call.action);
    const result = await fn.apply(null, call.args.map(decodeTestValue));
    const reply = new Headers(info.response.headers);
    reply.set("content-type", "application/json; charset=utf-8");
    return new Response(JSON.stringify({ ok: true, result: encodeTestValue(result) }), { status: 200, headers: reply });
  } catch (error) {
    const status = Number.isInteger(error?.status) ? error.status : 500;
    return new Response(JSON.stringify({ ok: false, error: encodeTestError(error) }), { status, headers });
  }
}
