// switchyard/client: the browser side.
// initClient(): (__webpack_require__ is defined by client/moduleLoader.js
// when this module loads) reads the inlined RSC payload, hydrates the root element and
// re-renders it with the payload of each server action.
import "./client/moduleLoader.js"; // first: defines __webpack_require__
import { createElement, startTransition, use, useState } from "react";
import { hydrateRoot } from "react-dom/client";
import { createFromReadableStream } from "react-server-dom-webpack/client.browser";
import { readInlinedPayload } from "./client/inlinedPayload.js";
import { callServer, setPayloadHandler } from "./client/callServer.js";
import { DEFAULT_ROOT_ID } from "./shared/protocol.js";

export { callServer };

export function initClient({ rootId = DEFAULT_ROOT_ID, onRecoverableError } = {}) {
  const container = document.getElementById(rootId);
  if (!container) throw new Error(`switchyard: no element #${rootId} to hydrate (the Document must render {children} inside it)`);

  const initial = createFromReadableStream(readInlinedPayload(), { callServer });
  let setPayload = null;
  function SwitchyardRoot() {
    const [payload, set] = useState(initial);
    setPayload = set;
    return use(payload).node;
  }
  setPayloadHandler((payload) => startTransition(() => setPayload?.(payload)));
  return hydrateRoot(container, createElement(SwitchyardRoot), onRecoverableError ? { onRecoverableError } : {});
}
