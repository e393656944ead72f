// A bounded load generator for the dev server: N concurrent clients, each
// looping GET <page> and the server action's POST alternately (optionally also
// GET of client module URLs and the optimized-dep URLs they import), until
// stopped, a maximum duration or a maximum request count. Every response is
// recorded; stop() returns a summary.
//
// Loopback only: the origin must be 127.0.0.1, ::1 or localhost.
//
//   const load = startLoad({ origin, action: { id: "/src/app/actions.ts#ping" } });
//   await load.waitFor((r) => r.kind === "page" && r.markers.includes("x"), 20000);
//   const summary = await load.stop();
//
// Times are performance.now() milliseconds (same clock as the caller's
// performance.now()).

export const STALE_PATTERNS = {
  prebundleStale: "new version of the pre-bundle",
  outdatedDep: "ERR_OUTDATED_OPTIMIZED_DEP",
  nullRead: "Cannot read properties of null",
};

const DEFAULT_MARKERS = /\b(?:plain|client|action):is(?:Odd|Even|Number)\(\d+\)=(?:true|false)/g;
const DEFAULT_IDENTITY = /state-[0-9a-z]+-[0-9a-z]+/;
const DEP_URL = /["'](\/\.switchyard\/deps_[a-z]+\/[^"'?]+(?:\?[^"']*)?)["']/g;

export function startLoad(options) {
  const {
    origin,
    clients = 8,
    maxDurationMs = 120000,
    maxRequests = 50000,
    requestTimeoutMs = 30000,
    pagePath = "/",
    // { id, path = pagePath, body = "[]", header = "x-action-ran", expectedStatus = 200, protocol }:
    // rwsdk's server function request (see actionRequest).
    action = null,
    clientModules = [], // client module URLs to GET each loop; their /.switchyard/deps_* imports are fetched too
    maxDepsPerModule = 20,
    markerPattern = DEFAULT_MARKERS,
    identityPattern = DEFAULT_IDENTITY,
    identityHeader = "x-state-identity",
    pauseAfterNetworkErrorMs = 50,
  } = options;
  const host = new URL(origin).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
    throw new Error(`load generator is loopback only, not ${origin}`);
  }

  const t0 = performance.now();
  const records = [];
  const listeners = new Set();
  let stopped = false;
  let issued = 0;
  const stopTimer = setTimeout(() => (stopped = true), maxDurationMs);

  function record(r) {
    records.push(r);
    for (const l of [...listeners]) l(r);
  }

  async function request(client, kind, method, path, init = {}, expectedStatus = 200) {
    issued++;
    const start = performance.now();
    const r = {
      client, kind, method, path, start, end: 0, duration: 0, status: 0, error: null,
      prebundleStale: false, outdatedDep: false, nullRead: false,
      actionHeader: null, identity: null, markers: [], deps: null, snippet: null, ok: false,
    };
    let body = "";
    try {
      const res = await fetch(origin + path, { method, ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
      r.status = res.status;
      body = await res.text();
      if (kind === "action") r.actionHeader = res.headers.get(action.header) !== null;
      const headerIdentity = res.headers.get(identityHeader);
      const m = body.match(identityPattern);
      r.identity = headerIdentity || (m ? m[0] : null);
    } catch (e) {
      r.error = e && e.name === "TimeoutError" ? `timeout after ${requestTimeoutMs} ms` : String(e && e.cause ? `${e.message}: ${e.cause.message || e.cause}` : e);
    }
    r.end = performance.now();
    r.duration = r.end - r.start;
    for (const [flag, text] of Object.entries(STALE_PATTERNS)) r[flag] = body.includes(text);
    if (kind === "page" || kind === "action") r.markers = [...new Set(body.match(markerPattern) || [])];
    if (kind === "module") r.deps = [...new Set([...body.matchAll(DEP_URL)].map((m) => m[1]))];
    r.ok = !r.error && r.status === expectedStatus && !r.prebundleStale && !r.outdatedDep && !r.nullRead;
    if (!r.ok) r.snippet = (r.error || body).slice(0, 600);
    record(r);
    return { r, body };
  }

  async function loop(client) {
    while (!stopped && issued < maxRequests) {
      const steps = [["page"]];
      if (action) steps.push(["action"]);
      for (const m of clientModules) steps.push(["module", m]);
      for (const [kind, arg] of steps) {
        if (stopped || issued >= maxRequests) break;
        let res;
        if (kind === "page") {
          res = await request(client, "page", "GET", pagePath, { headers: { accept: "text/html" } });
        } else if (kind === "action") {
          const a = actionRequest(action, pagePath, origin);
          res = await request(client, "action", "POST", a.path, {
            headers: a.headers,
            body: action.body ?? "[]",
          }, action.expectedStatus ?? 200);
        } else {
          res = await request(client, "module", "GET", arg);
          if (res.r.status === 200) {
            for (const dep of res.r.deps.slice(0, maxDepsPerModule)) {
              if (stopped || issued >= maxRequests) break;
              await request(client, "dep", "GET", dep);
            }
          }
        }
        if (res.r.error) await new Promise((r) => setTimeout(r, pauseAfterNetworkErrorMs));
      }
    }
  }

  const loops = Array.from({ length: clients }, (_, i) => loop(i));
  const done = Promise.all(loops).then(() => {
    clearTimeout(stopTimer);
    stopped = true;
    return summarize(records, t0, performance.now());
  });

  return {
    records,
    t0,
    done,
    get stopped() { return stopped; },
    // Resolves with the first record (from now on, or already recorded if
    // includePast) satisfying pred; rejects after timeoutMs.
    waitFor(pred, timeoutMs, { includePast = false } = {}) {
      if (includePast) {
        const hit = records.find(pred);
        if (hit) return Promise.resolve(hit);
      }
      return new Promise((resolve, reject) => {
        const l = (r) => {
          if (pred(r)) { cleanup(); resolve(r); }
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`no matching response within ${timeoutMs} ms`)); }, timeoutMs);
        const cleanup = () => { clearTimeout(timer); listeners.delete(l); };
        listeners.add(l);
        done.then(() => { if (listeners.has(l)) { cleanup(); reject(new Error("load generator stopped before a matching response")); } });
      });
    },
    stop() {
      stopped = true;
      return done;
    },
  };
}

/// The server action's POST. rwsdk's client (fetchCallServer in
/// rwsdk/dist/runtime/client/client.js) posts `encodeReply(args)` to the page's
/// URL with `?__rsc=&__rsc_action_id=<id>`; rwsdk's action handler refuses a
/// POST whose Origin is not the request's own origin.
export function actionRequest(action, pagePath, origin) {
  const path = action.path || pagePath;
  const query = `__rsc=&__rsc_action_id=${encodeURIComponent(action.id)}`;
  return {
    path: `${path}${path.includes("?") ? "&" : "?"}${query}`,
    headers: { origin, "content-type": "text/plain;charset=UTF-8" },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(records, t0, t1) {
  const byKind = {};
  for (const r of records) {
    const k = (byKind[r.kind] ||= { count: 0, failed: 0, durations: [], statuses: {} });
    k.count++;
    if (!r.ok) k.failed++;
    k.durations.push(r.duration);
    const s = r.error ? "network-error" : String(r.status);
    k.statuses[s] = (k.statuses[s] || 0) + 1;
  }
  for (const k of Object.values(byKind)) {
    const d = k.durations.sort((a, b) => a - b);
    k.p50 = percentile(d, 50);
    k.p95 = percentile(d, 95);
    k.max = d.at(-1) ?? null;
    delete k.durations;
  }
  const failed = records.filter((r) => !r.ok);
  const actions = records.filter((r) => r.kind === "action" && r.ok);
  const identities = [...new Set(records.map((r) => r.identity).filter(Boolean))];
  return {
    durationMs: t1 - t0,
    total: records.length,
    failed: failed.length,
    networkErrors: records.filter((r) => r.error).length,
    non200: records.filter((r) => !r.error && r.status !== 200).length,
    prebundleStale: records.filter((r) => r.prebundleStale).length,
    outdatedDep: records.filter((r) => r.outdatedDep).length,
    nullRead: records.filter((r) => r.nullRead).length,
    actionHeaderMissing: actions.filter((r) => r.actionHeader === false).length,
    identities,
    byKind,
    firstFailures: failed.slice(0, 10).map((r) => ({
      at: Math.round(r.start - t0), kind: r.kind, method: r.method, path: r.path,
      status: r.status, error: r.error, snippet: r.snippet,
    })),
  };
}
