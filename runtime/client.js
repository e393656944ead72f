// switchyard/client: the browser side.
// initClient(): defines __webpack_require__ over the client use-client
// lookup, reads the inlined RSC payload, hydrates the root element and
// re-renders it with the payload of each server action.
import { createElement, startTransition, use, useState } from "react";
import { hydrateRoot } from "react-dom/client";
import { createFromReadableStream } from "react-server-dom-webpack/client.browser";
import { useClientLookup } from "virtual:switchyard:use-client-lookup";
import { installModuleLoader, loadFromLookup } from "./shared/moduleLoader.js";
import { readInlinedPayload } from "./client/inlinedPayload.js";
import { callServer, setPayloadHandler } from "./client/callServer.js";
import { DEFAULT_ROOT_ID } from "./shared/protocol.js";

export { callServer };

export function initClient({ rootId = DEFAULT_ROOT_ID, onRecoverableError } = {}) {
  installModuleLoader((id) => loadFromLookup(useClientLookup, id, "client use-client"));
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
