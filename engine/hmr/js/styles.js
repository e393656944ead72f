// Stylesheets in the engine's HMR client (/@vite/client), as Vite 7's client
// (vite/src/client/client.ts) does them:
//
// updateStyle(id, css) puts the processed stylesheet of a module that imports
// CSS (engine/env/stylesheetModule.h, Vite's vite:css-post) in a
// <style data-vite-dev-id="<id>"> in <head>, or updates the one it made before
// (HMR re-imports the module, which calls it again). Stylesheets imported one
// after another in one task keep their order (each goes after the previous one).
// removeStyle(id) takes it out again (the module's prune callback).
//
// The server-rendered HTML already links every stylesheet its modules import
// (<link rel="stylesheet" data-vite-dev-id="<id>">): for those updateStyle does
// nothing, so the page is styled before hydration without a flash and without a
// second copy of the rules; their edits reach the page as css-update payloads,
// which swap the link (swapStylesheetLinks). This is Vite's linkSheetsMap.
import { stripQuery, withTimestamp } from "./urls.js";

const sheetsMap = new Map(); // id -> <style>
const linkSheetsMap = new Map(); // id -> <link> the server rendered

if (typeof document !== "undefined") {
  for (const el of document.querySelectorAll("style[data-vite-dev-id]")) sheetsMap.set(el.getAttribute("data-vite-dev-id"), el);
  for (const el of document.querySelectorAll('link[rel="stylesheet"][data-vite-dev-id]')) linkSheetsMap.set(el.getAttribute("data-vite-dev-id"), el);
}

let lastInsertedStyle;

export function updateStyle(id, content) {
  if (linkSheetsMap.has(id)) return;
  let style = sheetsMap.get(id);
  if (!style) {
    style = document.createElement("style");
    style.setAttribute("type", "text/css");
    style.setAttribute("data-vite-dev-id", id);
    style.textContent = content;
    if (!lastInsertedStyle) {
      document.head.appendChild(style);
      // Stylesheets of a later dynamic import start at the end of <head> again.
      setTimeout(() => {
        lastInsertedStyle = undefined;
      }, 0);
    } else {
      lastInsertedStyle.insertAdjacentElement("afterend", style);
    }
    lastInsertedStyle = style;
  } else {
    style.textContent = content;
  }
  sheetsMap.set(id, style);
}

export function removeStyle(id) {
  if (linkSheetsMap.has(id)) {
    // Select again: a css-update may have replaced the link.
    for (const el of document.querySelectorAll('link[rel="stylesheet"][data-vite-dev-id]')) {
      if (el.getAttribute("data-vite-dev-id") === id) el.remove();
    }
    linkSheetsMap.delete(id);
  }
  const style = sheetsMap.get(id);
  if (style) {
    style.remove();
    sheetsMap.delete(id);
  }
}

// A css-update (Vite's): each <link rel="stylesheet"> of `doc` whose URL is
// `path` gets a clone with `?t=<timestamp>` after it, and the old link is removed
// once the new one loaded (or failed), so the page never shows unstyled content
// in between. `baseHref` resolves relative hrefs. Resolves when the swaps are
// done; undefined when no link matched.
const outdatedLinks = new WeakSet();
export function swapStylesheetLinks(doc, { path, timestamp }, baseHref) {
  if (!doc?.querySelectorAll) return undefined;
  const target = stripQuery(path);
  const swaps = [];
  for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
    if (outdatedLinks.has(link)) continue;
    if (stripQuery(new URL(link.href, baseHref).pathname) !== target) continue;
    const next = link.cloneNode();
    next.href = withTimestamp(target, timestamp);
    swaps.push(
      new Promise((resolve) => {
        const done = () => {
          link.remove();
          resolve();
        };
        next.addEventListener("load", done, { once: true });
        next.addEventListener("error", done, { once: true });
      }),
    );
    outdatedLinks.add(link);
    link.after(next);
  }
  return swaps.length ? Promise.all(swaps).then(() => undefined) : undefined;
}
