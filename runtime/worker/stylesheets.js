// The stylesheets a server-rendered page links, so it is styled before the
// client hydrates (Vite's dev server leaves this to frameworks; RedwoodSDK
// users ask for it). The engine answers from its module graphs
// (__SWITCHYARD__.stylesheets, the worker environment's stylesheetsFor):
// every stylesheet the server components import and every stylesheet the
// "use client" modules this render referenced import, in import order.
//
// Each becomes <link rel="stylesheet" href="<served URL>" data-vite-dev-id="<id>">:
// the browser asks for it with Accept: text/css and gets the processed CSS;
// when a client module imports the same stylesheet, the client's CSS runtime
// sees the link's data-vite-dev-id and injects no <style> (/@vite/client: engine/hmr/js/styles.js), and
// edits swap the link (css-update).

// [{ href, id }] for the client references (ids) of one render; [] when the
// engine offers no answer (e.g. an isolate without a dev environment).
export function linkedStylesheets(clientReferences) {
  const ask = globalThis.__SWITCHYARD__?.stylesheets;
  return typeof ask === "function" ? ask([...clientReferences]) : [];
}

function escapeAttribute(value) {
  return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function stylesheetLinksHtml(stylesheets) {
  return stylesheets.map(({ href, id }) => `<link rel="stylesheet" href="${escapeAttribute(href)}" data-vite-dev-id="${escapeAttribute(id)}">`).join("");
}

// `html` (the Document's HTML before the app) with `links` at the end of its
// <head>; before <body> or at the start when it has no </head>.
export function insertIntoHead(html, links) {
  if (!links) return html;
  const headEnd = html.search(/<\/head\s*>/i);
  if (headEnd >= 0) return html.slice(0, headEnd) + links + html.slice(headEnd);
  const body = html.search(/<body[\s>]/i);
  if (body >= 0) return html.slice(0, body) + links + html.slice(body);
  return links + html;
}
