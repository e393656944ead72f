// The RSC half of HMR (browser only): when the engine sends our event for
// changed server code (FrameworkProfile::rscUpdateEvent of this runtime,
// "switchyard:rsc-update"), initClient refetches the current page's RSC payload
// (`GET <path>?<query>&__rsc`, runtime README 9.5) and re-renders the root in
// place. The HMR client itself is the engine's (/@vite/client); this module only
// listens on import.meta.hot, as rwsdk's client listens for "rsc:update".
import "./moduleLoader.js"; // before client.browser (see moduleLoader.js)
import { createFromFetch } from "react-server-dom-webpack/client.browser";
import { clearErrorOverlay, showErrorOverlay } from "/@vite/client";
import { RSC_CONTENT_TYPE } from "../shared/protocol.js";

export const RSC_UPDATE_EVENT = "switchyard:rsc-update";
export const RSC_UPDATED_EVENT = "switchyard:rsc-updated";
export const RSC_UPDATE_FAILED_EVENT = "switchyard:rsc-update-failed";

// The current page's RSC payload URL: path + query + "__rsc" (runtime README 9.5).
export function rscPayloadUrl(loc = globalThis.location) {
  const search = String(loc.search ?? "").replace(/^\?/, "");
  const params = search.split("&").filter((p) => p && p !== "__rsc" && !p.startsWith("__rsc="));
  return `${loc.pathname}?${[...params, "__rsc"].join("&")}`;
}

// Resolves with { payload } (the thenable Root passes to use(); wrapped, or
// the async function would adopt it) once its root has arrived, so a server
// error never reaches the React tree; rejects with the server's text on a
// non-2xx answer.
export async function fetchRscPayload(callServer) {
  const response = await fetch(rscPayloadUrl(window.location), { headers: { accept: RSC_CONTENT_TYPE } });
  if (!response.ok) {
    const text = await response.text();
    const error = new Error(text.split("\n")[0] || `GET ${rscPayloadUrl(window.location)}: ${response.status}`);
    error.stack = text;
    throw error;
  }
  const payload = createFromFetch(Promise.resolve(response), { callServer });
  await payload;
  return { payload };
}

// Listens for RSC_UPDATE_EVENT on `hot` (the caller's import.meta.hot):
// `rerender(data)` refetches and resolves once React committed the new payload.
// Then "switchyard:rsc-updated" is dispatched on window; when it fails, the
// error overlay shows the server's answer and "switchyard:rsc-update-failed"
// is dispatched.
export function listenForRscUpdates(hot, rerender) {
  hot.on(RSC_UPDATE_EVENT, async (data) => {
    try {
      await rerender(data);
    } catch (error) {
      showErrorOverlay({ message: error?.message ?? String(error), stack: error?.stack ?? "" });
      window.dispatchEvent(new CustomEvent(RSC_UPDATE_FAILED_EVENT, { detail: { error: String(error?.message ?? error) } }));
      return;
    }
    clearErrorOverlay();
    window.dispatchEvent(new CustomEvent(RSC_UPDATED_EVENT, { detail: data ?? null }));
  });
}
