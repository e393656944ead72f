// /@vite/client: the engine's HMR client, with Vite's client API (vite/client
// types, vite/src/client/client.ts):
//
//   createHotContext(ownerPath)  import.meta.hot of a client module; the engine
//                                injects `import { createHotContext as
//                                __vite__createHotContext } from "/@vite/client";
//                                import.meta.hot = __vite__createHotContext("<url>");`
//                                into every client module that uses import.meta.hot,
//                                pre-bundled dependencies included (hotContext.h)
//   updateStyle(id, css), removeStyle(id)  stylesheets imported from JS
//   injectQuery(url, query)
// and, Switchyard's own: showErrorOverlay(err), clearErrorOverlay() (a
// framework client shows a failed server update), handleMessage(payload)
// (tests apply a payload through the page's one client instance).
//
// Like Vite's client, it connects when it is first evaluated, i.e. when the
// first module that uses import.meta.hot (or imports it) loads:
// ws(s)://<host><path>?token=<token>, the values the dev server writes into this
// module in place of __SWITCHYARD_HMR_CONFIG__ when it serves it
// (engine/env/viteClientModule.h; Vite 6.0.9+ bakes its webSocketToken into
// /@vite/client the same way). The server refuses a socket without the token or
// from another origin; the module itself is readable only by pages of the
// server's own origin (no CORS headers).
import { clearErrorOverlay } from "./overlay.js";
import { configureHmr, handleMessage, notifyListeners, status } from "./hmrClient.js";
import { hmrSocketUrl } from "./urls.js";

export { createHotContext, handleMessage } from "./hmrClient.js";
export { removeStyle, updateStyle } from "./styles.js";
export { injectQuery } from "./urls.js";
export { clearErrorOverlay, showErrorOverlay } from "./overlay.js";

// {"token": "<the server's HMR token>", "path": "/@switchyard/hmr",
//  "serverUpdateEvent": "<FrameworkProfile::rscUpdateEvent>",
//  "preBundleUrlPrefix": "/.switchyard/deps_client"}
const config = __SWITCHYARD_HMR_CONFIG__;

// Subprotocol of the "is the server back?" probe: accepted without the token (a
// restarted server has a new one) and closed at once, nothing sent (Vite's).
const PING_PROTOCOL = "vite-ping";
const PING_INTERVAL_MS = 30000;
const RECONNECT_DELAYS_MS = [100, 200, 400, 800, 1600, 2000];

let socket = null;
let leaving = false;

function send(message) {
  if (!socket || socket.readyState !== 1) return false;
  socket.send(JSON.stringify(message));
  return true;
}

function connect() {
  const ws = new WebSocket(hmrSocketUrl(globalThis.location, config.path, config.token));
  socket = ws;
  let opened = false;
  ws.addEventListener("open", () => {
    opened = true;
    notifyListeners("vite:ws:connect", { webSocket: ws });
  });
  ws.addEventListener("message", (event) => {
    status.messages++;
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return console.warn("[vite] HMR message is not JSON", event.data);
    }
    handleMessage(payload).catch((e) => console.warn("[vite] applying an HMR payload failed", e));
  });
  ws.addEventListener("close", () => {
    if (socket === ws) socket = null;
    const wasConnected = status.connected;
    status.connected = false;
    if (leaving) return;
    // Never connected (no dev server, e.g. a production build): stay quiet.
    if (!opened && !wasConnected) return;
    notifyListeners("vite:ws:disconnect", { webSocket: ws });
    console.debug("[vite] server connection lost, polling for restart...");
    waitForServerThenReload(0);
  });
}

// The dev server went away: probe with backoff, reload once it answers again.
function waitForServerThenReload(attempt) {
  const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
  setTimeout(() => {
    if (leaving) return;
    const probe = new WebSocket(hmrSocketUrl(globalThis.location, config.path), PING_PROTOCOL);
    let ok = false;
    probe.addEventListener("open", () => {
      ok = true;
      probe.close();
      globalThis.location.reload();
    });
    probe.addEventListener("close", () => {
      if (!ok) waitForServerThenReload(attempt + 1);
    });
  }, delay);
}

configureHmr({ send, serverUpdateEvent: config.serverUpdateEvent, preBundleUrlPrefix: config.preBundleUrlPrefix });
if (typeof window !== "undefined" && typeof WebSocket !== "undefined") {
  globalThis.addEventListener("pagehide", () => (leaving = true));
  globalThis.addEventListener("pageshow", () => (leaving = false));
  globalThis.document?.addEventListener("keydown", (e) => {
    if (e.key === "Escape") clearErrorOverlay(globalThis.document);
  });
  connect();
  setInterval(() => send({ type: "ping" }), PING_INTERVAL_MS);
}
