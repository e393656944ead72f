// cloudflare:test's `fetchMock` (virtual:switchyard:fetch-mock), as the
// Workers Vitest pool 0.8.x offers it: undici's own MockAgent
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
// undici's mock code (~140 KB of CommonJS modules in the bundle) is evaluated when a test file
// first touches fetchMock, not by every file that imports cloudflare:test (each file's realm
// would pay ~5 ms for it): `fetchMock` is a Proxy over the MockAgent made then. The global
// fetch is routed through it from the start, as before, and only while it is active.
const decoder = new TextDecoder();
const realFetch = globalThis.fetch;

let agent = null; // the MockAgent, once made
function mockAgent() {
  if (agent) return agent;
  const MockAgent = require("undici/lib/mock/mock-agent.js");
  const PassThroughClient = require("./passThroughClient.cjs");
  agent = new MockAgent({ connections: 1 });
  agent.deactivate();
  PassThroughClient.setPassThrough(passThrough);
  return agent;
}

// The agent's methods, bound to it (so `this` is the agent, not the Proxy) and the same
// function on every read.
const boundMethods = new Map();
export const fetchMock = new Proxy(Object.create(null), {
  get(_, key) {
    const target = mockAgent();
    const value = Reflect.get(target, key, target);
    if (typeof value !== "function") return value;
    let bound = boundMethods.get(key);
    if (!bound || bound.original !== value) {
      bound = { original: value, fn: value.bind(target) };
      boundMethods.set(key, bound);
    }
    return bound.fn;
  },
  set: (_, key, value) => Reflect.set(mockAgent(), key, value),
  has: (_, key) => Reflect.has(mockAgent(), key),
  deleteProperty: (_, key) => Reflect.deleteProperty(mockAgent(), key),
  ownKeys: () => Reflect.ownKeys(mockAgent()),
  getOwnPropertyDescriptor(_, key) {
    const descriptor = Reflect.getOwnPropertyDescriptor(mockAgent(), key);
    // A Proxy may not report a property its (empty) target lacks as non-configurable.
    if (descriptor) descriptor.configurable = true;
    return descriptor;
  },
  defineProperty: (_, key, descriptor) => Reflect.defineProperty(mockAgent(), key, descriptor),
  getPrototypeOf: () => Reflect.getPrototypeOf(mockAgent()),
});

// A pass-through request: the real fetch, its Response handed back whole.
const passedThrough = new Map(); // dispatch key -> [Request, body]
const realResponses = new Map(); // dispatch key -> Response
const keyOf = (opts) => JSON.stringify([opts.origin, opts.path, opts.method, opts.body, opts.headers]);
function passThrough(opts, handler) {
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
}

function immutable(response, url) {
  const refuse = () => {
    throw new TypeError("Can't modify immutable headers");
  };
  Object.defineProperty(response, "url", { value: url });
  Object.defineProperties(response.headers, { set: { value: refuse }, append: { value: refuse }, delete: { value: refuse } });
  return response;
}

globalThis.fetch = async function fetch(input, init) {
  if (!agent || !agent.isMockActive) return realFetch.call(globalThis, input, init);
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
    agent.dispatch(opts, {
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
