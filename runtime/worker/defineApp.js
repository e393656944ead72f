// defineApp(entries) -> { fetch(request, env, executionContext) }: the
// Cloudflare module-worker shape the engine calls.
//
// Request flow (inside the request context, see requestInfo.js):
//   1. middleware (functions in entries) in order; a returned Response ends it
//      (test isolates only: POST /_test runs one server action, testRoute.js)
//   2. route match on the pathname (404 if none); requestInfo.params set
//   3. POST with x-rsc-action: decode args, run the action -> actionResult
//   4. handler(requestInfo): a Response is returned as is; anything else is
//      the page node, wrapped in the layouts
//   5. action or ?__rsc: RSC payload { node, actionResult } (text/x-component)
//      otherwise: HTML (Document + SSR of the payload + inlined payload)
//   requestInfo.response.{status,headers} are applied to 4's and 5's responses.
import { createElement } from "react";
import "./moduleLoader.js";
import { compileApp, matchRoute } from "./router.js";
import { createRequestInfo, runWithRequestInfo } from "../requestInfo.js";
import { runServerAction } from "./serverActions.js";
import { renderRscStream } from "./rscRender.js";
import { renderPageHtml } from "./renderPage.js";
import { ACTION_HEADER, RSC_CONTENT_TYPE, RSC_QUERY } from "../shared/protocol.js";
import { handleTestRoute, isTestRouteRequest } from "./testRoute.js";

export function defineApp(entries) {
  const app = compileApp(entries);
  return {
    async fetch(request, env, executionContext) {
      const info = createRequestInfo({ request, env, executionContext });
      try {
        return await runWithRequestInfo(info, () => handle(app, info));
      } catch (error) {
        const status = Number.isInteger(error?.status) ? error.status : 500;
        if (status >= 500) console.error(error);
        return new Response(status >= 500 ? `Internal error: ${error?.stack || error}` : String(error?.message || error), {
          status,
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
    },
  };
}

async function handle(app, info) {
  const { request } = info;
  for (const mw of app.middleware) {
    const result = await mw(info);
    if (result instanceof Response) return result;
  }
  const url = new URL(request.url);
  if (isTestRouteRequest(request, url)) return handleTestRoute(info);
  const found = matchRoute(app.routes, url.pathname);
  if (!found) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  info.params = found.params;
  const { route } = found;

  const actionId = request.method === "POST" ? request.headers.get(ACTION_HEADER) : null;
  let actionResult;
  if (actionId) actionResult = await runServerAction(request, actionId);

  // A client component used as a page is rendered as an element; any other
  // handler is called with requestInfo (server components included).
  const result = route.handler.$$typeof === Symbol.for("react.client.reference") ? createElement(route.handler, {}) : await route.handler(info);
  if (result instanceof Response) return result;
  const node = route.layouts.reduceRight((children, Layout) => createElement(Layout, { requestInfo: info, children }), result);

  const onError = (error) => {
    console.error(error);
    return error?.digest;
  };
  const headers = new Headers(info.response.headers);
  if (actionId || url.searchParams.has(RSC_QUERY)) {
    headers.set("content-type", `${RSC_CONTENT_TYPE}; charset=utf-8`);
    const body = renderRscStream({ node, actionResult }, { onError });
    return new Response(body, { status: info.response.status, headers });
  }
  headers.set("content-type", "text/html; charset=utf-8");
  const body = await renderPageHtml({ Document: route.Document, node, requestInfo: info, onError });
  return new Response(body, { status: info.response.status, headers });
}
