// callServer: how the browser calls a server action. POSTs encodeReply(args)
// to the current page with the action id header, reads the RSC payload
// { node, actionResult }, hands the payload to the root (re-render) and
// resolves with actionResult.
import "./moduleLoader.js"; // before client.browser (see moduleLoader.js)
import { createFromFetch, encodeReply } from "react-server-dom-webpack/client.browser";
import { ACTION_HEADER, RSC_CONTENT_TYPE } from "../shared/protocol.js";

let onPayload = null;

// initClient registers the root's re-render here.
export function setPayloadHandler(handler) {
  onPayload = handler;
}

export async function callServer(id, args) {
  const body = await encodeReply(args);
  const response = fetch(window.location.pathname + window.location.search, {
    method: "POST",
    headers: { [ACTION_HEADER]: id, accept: RSC_CONTENT_TYPE },
    body,
  });
  const payload = createFromFetch(response, { callServer });
  onPayload?.(payload);
  return (await payload).actionResult;
}
