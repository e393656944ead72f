// The error overlay of the engine's HMR client (/@vite/client): a fixed-position
// element (#switchyard-error-overlay) showing an `error` payload's message,
// file:line:column, code frame and stack. Text only (textContent), never HTML
// from the server. Removed by the next successful update, the framework's
// server-update event or full-reload, by a click on the backdrop, or by Escape.

export const OVERLAY_ID = "switchyard-error-overlay";

// The parts of an `error` payload's err the overlay shows, as strings ("" when
// absent). location: `<loc.file or id>:<line>:<column>` when the payload has a
// loc, else the module id.
export function overlayContent(err = {}) {
  const plugin = err.plugin ? String(err.plugin) : "";
  let message = String(err.message ?? "Unknown error");
  if (plugin && !message.startsWith(`[plugin:${plugin}]`)) message = `[plugin:${plugin}] ${message}`;
  const loc = err.loc;
  const file = (loc && loc.file) || err.id || "";
  let location = file;
  if (loc && loc.line) location = `${file}:${loc.line}:${loc.column ?? 0}`;
  // The stack usually repeats the message on its first line: show the rest.
  let stack = String(err.stack ?? "");
  const firstLine = stack.indexOf("\n");
  if (firstLine >= 0 && stack.slice(0, firstLine).includes(String(err.message ?? "\u0000"))) stack = stack.slice(firstLine + 1);
  return { message, location, frame: String(err.frame ?? "").replace(/\s+$/, ""), stack: stack.replace(/\s+$/, ""), plugin };
}

// The overlay as plain text (what a test or a log compares): message,
// location, frame and stack, non-empty ones separated by blank lines.
export function overlayText(err) {
  const c = overlayContent(err);
  return [c.message, c.location, c.frame, c.stack].filter(Boolean).join("\n\n");
}

const BACKDROP_STYLE =
  "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,0.66);overflow:auto;margin:0;padding:0;";
const PANEL_STYLE =
  "position:relative;margin:40px auto;max-width:min(1000px,calc(100% - 40px));padding:20px 24px;" +
  "background:#181818;color:#d8d8d8;border-top:6px solid #ff5555;border-radius:6px;" +
  "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 6px 30px rgba(0,0,0,.4);";
const PARTS = [
  ["message", "color:#ff5555;font-weight:600;font-size:15px;white-space:pre-wrap;margin:0 0 12px;"],
  ["location", "color:#8ab4f8;text-decoration:underline;margin:0 0 12px;white-space:pre-wrap;"],
  ["frame", "color:#e6db74;background:#222;padding:12px;overflow-x:auto;white-space:pre;margin:0 0 12px;"],
  ["stack", "color:#999;white-space:pre-wrap;font-size:12px;margin:0 0 12px;"],
];

// Shows (or replaces) the overlay for `err` in `doc`. Returns the element.
export function showErrorOverlay(err, doc = globalThis.document) {
  if (!doc) return null;
  clearErrorOverlay(doc);
  const content = overlayContent(err);
  const backdrop = doc.createElement("div");
  backdrop.id = OVERLAY_ID;
  backdrop.setAttribute("role", "alert");
  backdrop.style.cssText = BACKDROP_STYLE;
  const panel = doc.createElement("div");
  panel.style.cssText = PANEL_STYLE;
  for (const [key, style] of PARTS) {
    if (!content[key]) continue;
    const el = doc.createElement("pre");
    el.className = `switchyard-error-${key}`;
    el.style.cssText = style;
    el.textContent = content[key];
    panel.appendChild(el);
  }
  const hint = doc.createElement("div");
  hint.style.cssText = "color:#777;font-size:12px;";
  hint.textContent = "Fix the code and save: the page updates by itself. Click outside or press Esc to close.";
  panel.appendChild(hint);
  backdrop.appendChild(panel);
  backdrop.addEventListener?.("click", (event) => {
    if (event.target === backdrop) clearErrorOverlay(doc);
  });
  (doc.body ?? doc.documentElement).appendChild(backdrop);
  return backdrop;
}

// Removes the overlay if it is shown. True when there was one.
export function clearErrorOverlay(doc = globalThis.document) {
  const el = doc?.getElementById(OVERLAY_ID);
  if (!el) return false;
  el.remove();
  return true;
}
