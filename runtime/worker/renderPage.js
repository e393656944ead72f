// GET of a page: RSC render of the page and of the Document, both turned into
// HTML through the SSR bridge, stitched with the inlined RSC payload.
import { createElement } from "react";
import { renderDocumentHtml, renderAppHtmlStream } from "switchyard/__ssr_bridge";
import { renderRscStream } from "./rscRender.js";
import { assembleHtml, splitDocumentHtml } from "./htmlAssembly.js";
import { allRequestInfoFields } from "../requestInfo.js";
import { insertIntoHead, linkedStylesheets, stylesheetLinksHtml } from "./stylesheets.js";

// The engine defines globalThis.__SWITCHYARD__ = { clientEntryUrl, ... }.
export function clientEntryUrl() {
  return globalThis.__SWITCHYARD__?.clientEntryUrl ?? null;
}

export async function renderPageHtml({ Document, node, requestInfo, onError }) {
  // The "use client" modules this page references (app and Document): their
  // stylesheets are linked in <head> with the server components' ones.
  const clientReferences = new Set();
  const rscStream = renderRscStream({ node, actionResult: undefined }, { onError, clientReferences });
  const [forSsr, forInline] = rscStream.tee();
  const entry = clientEntryUrl();
  // Resolves once the shell is rendered: the references it met are known.
  const appHtml = await renderAppHtmlStream(forSsr, { bootstrapModules: entry ? [entry] : [], onError });
  if (!Document) {
    const links = stylesheetLinksHtml(linkedStylesheets(clientReferences));
    return assembleHtml({ prefix: links, appHtml, rscStream: forInline, suffix: "" });
  }

  const marker = `switchyard-slot-${Math.random().toString(36).slice(2)}`;
  // The Document gets every requestInfo field as a prop (env and response are
  // not enumerable, see requestInfo.js); its RSC stream only becomes HTML.
  const documentProps = { ...allRequestInfoFields(requestInfo), children: marker };
  const documentRsc = renderRscStream(createElement(Document, documentProps), { onError, clientReferences });
  const documentHtml = await renderDocumentHtml(documentRsc, { onError });
  const [prefix, suffix] = splitDocumentHtml(documentHtml, marker);
  const links = stylesheetLinksHtml(linkedStylesheets(clientReferences));
  return assembleHtml({ prefix: insertIntoHead(prefix, links), appHtml, rscStream: forInline, suffix });
}
