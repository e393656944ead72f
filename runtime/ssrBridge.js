// switchyard/__ssr_bridge: the ssr side of the worker isolate.
//
// The worker imports this module by its bare name; the engine resolves it and
// everything below it with the ssr environment's rules (ids prefixed
// "virtual:switchyard:ssr:"), so React here is the normal build, not
// react-server. It turns RSC streams into HTML with react-dom/server.edge.
// It must not import switchyard/__state or requestInfo (they belong to the
// worker graph); what it needs is passed in.
import { createElement, use } from "react";
import { renderToReadableStream } from "react-dom/server.edge";
import { createFromReadableStream } from "react-server-dom-webpack/client.edge";
import { useClientLookup } from "virtual:switchyard:use-client-lookup";
import { serverConsumerManifest } from "./ssr/consumerManifest.js";
import { loadFromLookup } from "./shared/moduleLoader.js";

// Loads a "use client" module (ssr build) by its normalized path. The worker
// wires it into __webpack_require__.
export function loadClientModule(id) {
  return loadFromLookup(useClientLookup, id, "ssr use-client");
}

// createFromReadableStream is called inside the SSR render so that preload
// hints reach the HTML.
function rscRoot(rscStream, select) {
  let payload = null;
  return function SwitchyardRscRoot() {
    payload ??= createFromReadableStream(rscStream, { serverConsumerManifest });
    return select(use(payload));
  };
}

// The app: an RSC stream of { node, actionResult } -> HTML stream of node.
export function renderAppHtmlStream(rscStream, { bootstrapModules = [], onError, nonce } = {}) {
  const Root = rscRoot(rscStream, (payload) => payload.node);
  return renderToReadableStream(createElement(Root), { bootstrapModules, onError, nonce });
}

// The Document: an RSC stream of the Document element -> complete HTML string.
export async function renderDocumentHtml(rscStream, { onError } = {}) {
  const Root = rscRoot(rscStream, (element) => element);
  const stream = await renderToReadableStream(createElement(Root), { onError });
  await stream.allReady;
  return new Response(stream).text();
}
