// switchyard/client: the browser side.
// initClient(): (__webpack_require__ is defined by client/moduleLoader.js
// when this module loads) reads the inlined RSC payload, hydrates the root element and
// re-renders it with the payload of each server action. Unless `hmr: false`,
// listens on import.meta.hot (the engine's HMR client, /@vite/client) for
// "switchyard:rsc-update": it refetches the payload and re-renders the root in
// place (client/hmrRsc.js).
import "./client/moduleLoader.js"; // first: defines __webpack_require__
import { createElement, startTransition, use, useEffect, useState } from "react";
import { hydrateRoot } from "react-dom/client";
import { createFromReadableStream } from "react-server-dom-webpack/client.browser";
import { readInlinedPayload } from "./client/inlinedPayload.js";
import { callServer, setPayloadHandler } from "./client/callServer.js";
import { DEFAULT_ROOT_ID } from "./shared/protocol.js";
import { fetchRscPayload, listenForRscUpdates } from "./client/hmrRsc.js";

export { callServer };

export function initClient({ rootId = DEFAULT_ROOT_ID, onRecoverableError, hmr = true } = {}) {
  const container = document.getElementById(rootId);
  if (!container) throw new Error(`switchyard: no element #${rootId} to hydrate (the Document must render {children} inside it)`);

  const initial = createFromReadableStream(readInlinedPayload(), { callServer });
  let setPayload = null;
  const onCommit = new Map(); // payload -> resolve, for HMR's rsc-update
  function SwitchyardRoot() {
    const [payload, set] = useState(initial);
    setPayload = set;
    useEffect(() => {
      onCommit.get(payload)?.();
      onCommit.delete(payload);
    }, [payload]);
    return use(payload).node;
  }
  setPayloadHandler((payload) => startTransition(() => setPayload?.(payload)));
  if (hmr && import.meta.hot) {
    listenForRscUpdates(import.meta.hot, async () => {
      const { payload } = await fetchRscPayload(callServer);
      await new Promise((resolve) => {
        onCommit.set(payload, resolve);
        setTimeout(resolve, 10000); // never hold the HMR queue on a render that does not commit
        startTransition(() => setPayload?.(payload));
      });
    });
  }
  return hydrateRoot(container, createElement(SwitchyardRoot), onRecoverableError ? { onRecoverableError } : {});
}
