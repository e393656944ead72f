// URL helpers of the engine's HMR client (/@vite/client). Pure: they run under
// node for the unit tests (tests/hmr/hmrClient.test.mjs).

// `url` with `t=<timestamp>` first in its query (replacing an old t=), keeping
// the rest of the query and dropping a hash: "/src/a.ts?v=1" -> "/src/a.ts?t=5&v=1".
// The engine stamps importers of hot-updated modules the same way
// (engine/env/environment.cpp withTimestampQuery).
export function withTimestamp(url, timestamp) {
  const noHash = String(url).split("#")[0];
  const q = noHash.indexOf("?");
  const path = q < 0 ? noHash : noHash.slice(0, q);
  const rest = q < 0 ? [] : noHash.slice(q + 1).split("&").filter((p) => p && !/^t(=|$)/.test(p));
  return `${path}?${[`t=${timestamp}`, ...rest].join("&")}`;
}

// The URL without its query and hash: the key hot contexts and payloads use.
export function stripQuery(url) {
  return String(url).split(/[?#]/)[0];
}

// Vite's injectQuery(url, query): `query` goes first in the URL's query, the
// URL's own query and hash follow ("/a.ts?x=1#h", "import" -> "/a.ts?import&x=1#h").
// URLs the dev server does not serve (neither "/..." nor "./...": "https:",
// "data:", bare names) come back unchanged.
export function injectQuery(url, query) {
  const text = String(url);
  if (text[0] !== "/" && text[0] !== ".") return text;
  const hashAt = text.indexOf("#");
  const hash = hashAt < 0 ? "" : text.slice(hashAt);
  const noHash = hashAt < 0 ? text : text.slice(0, hashAt);
  const q = noHash.indexOf("?");
  const path = q < 0 ? noHash : noHash.slice(0, q);
  const own = q < 0 ? "" : noHash.slice(q + 1);
  return `${path}?${query}${own ? `&${own}` : ""}${hash}`;
}

// ws://<host><path> (wss:// on an https page), with ?token=<token> when given.
export function hmrSocketUrl(loc, path, token = "") {
  const url = `${loc.protocol === "https:" ? "wss" : "ws"}://${loc.host}${path}`;
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}
