// cloudflare:test's `fetchMock` (virtual:switchyard:fetch-mock), as the
// Workers Vitest pool 0.8.x offers it: an instance of undici's own MockAgent
// (undici/lib/mock, bundled at build time by bundleFetchMock.mjs with
// nodeShims.cjs) with { connections: 1 }, deactivated at the start of each test
// file, and the isolate's global fetch routed through it while it is active:
// - fetchMock.activate(), .deactivate(), .disableNetConnect(),
//   .enableNetConnect(host?), .get(origin).intercept({ path, method, headers,
//   body, query }).reply(status, body, { headers }) / .replyWithError(),
//   .times(n), .persist(), .delay(ms), .assertNoPendingInterceptors(),
//   .pendingInterceptors() behave as undici's (its code);
// - a request no interceptor matches goes to the network when net connect
//   allows it, else fetch rejects with undici's MockNotMatchedError;
// - a mocked Response has immutable headers and its `url` set, as the pool's.
import MockAgent from "undici/lib/mock/mock-agent.js";
import PassThroughClient from "./passThroughClient.cjs";

const decoder = new TextDecoder();
const realFetch = globalThis.fetch;

export const fetchMock = new MockAgent({ connections: 1 });
fetchMock.deactivate();

// A pass-through request: the real fetch, its Response handed back whole.
const passedThrough = new Map(); // dispatch key -> [Request, body]
const realResponses = new Map(); // dispatch key -> Response
const keyOf = (opts) => JSON.stringify([opts.origin, opts.path, opts.method, opts.body, opts.headers]);
PassThroughClient.setPassThrough((opts, handler) => {
  const key = keyOf(opts);
  const pending = passedThrough.get(key);
  passedThrough.delete(key);
  if (!pending) {
    handler.onError(new Error("fetchMock: a pass-through request that did not come from fetch()"));
    return;
  }
  realFetch.call(globalThis, pending[0], { body: pending[1] }).then(
    (response) => {
      realResponses.set(key, response);
      handler.onComplete([]);
    },
    (error) => handler.onError(error),
  );
});

function immutable(response, url) {
  const refuse = () => {
    throw new TypeError("Can't modify immutable headers");
  };
  Object.defineProperty(response, "url", { value: url });
  Object.defineProperties(response.headers, { set: { value: refuse }, append: { value: refuse }, delete: { value: refuse } });
  return response;
}

globalThis.fetch = async function fetch(input, init) {
  if (!fetchMock.isMockActive) return realFetch.call(globalThis, input, init);
  const request = new Request(input, init);
  if (request.headers.get("upgrade") !== null) return realFetch.call(globalThis, request);
  const url = new URL(request.url);
  const signal = init?.signal ?? request.signal;
  const headers = {};
  for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
  const bodyBytes = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
  const opts = {
    origin: url.origin,
    path: url.pathname + url.search,
    method: request.method,
    body: bodyBytes === null ? "" : decoder.decode(bodyBytes),
    headers,
  };
  const key = keyOf(opts);
  passedThrough.set(key, [request, bodyBytes]);
  return new Promise((resolve, reject) => {
    let status;
    let statusText;
    let responseHeaders = [];
    const chunks = [];
    const aborted = () => signal?.aborted;
    fetchMock.dispatch(opts, {
      onConnect() {},
      onError(error) {
        passedThrough.delete(key);
        reject(error);
      },
      onHeaders(statusCode, rawHeaders, _resume, text) {
        if (aborted()) return false;
        status = statusCode;
        statusText = text;
        for (let i = 0; rawHeaders && i + 1 < rawHeaders.length; i += 2) {
          responseHeaders.push([String(rawHeaders[i]), String(rawHeaders[i + 1])]);
        }
        return true;
      },
      onData(chunk) {
        if (aborted()) return false;
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        if (aborted()) {
          reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
          return;
        }
        const real = realResponses.get(key);
        realResponses.delete(key);
        if (real) {
          resolve(real);
          return;
        }
        const size = chunks.reduce((n, c) => n + c.byteLength, 0);
        const body = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          body.set(c, at);
          at += c.byteLength;
        }
        const nullBody = status === 101 || status === 204 || status === 205 || status === 304;
        resolve(immutable(new Response(nullBody ? null : body, { status, statusText, headers: responseHeaders }), url.href));
      },
      onBodySent() {},
    });
  });
};
