// The RSC half of HMR (browser only): fetches the current page's RSC payload
// (`GET <path>?<query>&__rsc`, runtime README 9.5) for initClient's
// rscUpdate. Kept out of hmr.js so that file needs no React.
import "./moduleLoader.js"; // before client.browser (see moduleLoader.js)
import { createFromFetch } from "react-server-dom-webpack/client.browser";
import { RSC_CONTENT_TYPE } from "../shared/protocol.js";
import { rscPayloadUrl } from "./hmr.js";

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
