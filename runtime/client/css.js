// The browser side of stylesheets imported from JS: what Vite 7's client
// (vite/src/client/client.ts) does for the modules vite:css-post writes.
//
// updateStyle(id, css) puts the processed stylesheet in a <style
// data-vite-dev-id="<id>"> in <head>, or updates the one it made before (HMR
// re-imports the module, which calls it again). Stylesheets imported one after
// another in one task keep their order (each goes after the previous one).
//
// The server-rendered HTML already links every stylesheet its modules import
// (<link rel="stylesheet" data-vite-dev-id="<id>">, see
// runtime/worker/stylesheets.js): for those updateStyle does nothing, so the
// page is styled before hydration without a flash and without a second copy of
// the rules; their edits reach the page as css-update payloads, which swap the
// link (client/hmr.js). This is Vite's linkSheetsMap.
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
