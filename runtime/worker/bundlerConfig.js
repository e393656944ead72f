// The manifests react-server-dom-webpack's server needs. Switchyard has no
// chunks: a reference's id is the module's normalized path, every module is
// loaded by __webpack_require__(id) as an async module.
//   client manifest (renderToReadableStream): key "<id>#<export>"
//   server manifest (decodeReply):            key "<id>#<export>"
import { splitReferenceId } from "../shared/protocol.js";

function referenceMetadata(key) {
  if (typeof key !== "string") return undefined;
  const [id, name] = splitReferenceId(key);
  return { id, name, chunks: [], async: true };
}

export const bundlerConfig = new Proxy({}, { get: (_, key) => referenceMetadata(key) });

// A client manifest that also adds the id of every client reference the render
// serializes to `seen` (a Set): the "use client" modules a page rendered, whose
// stylesheets the page links (stylesheets.js).
export function recordingBundlerConfig(seen) {
  return new Proxy(
    {},
    {
      get(_, key) {
        const metadata = referenceMetadata(key);
        if (metadata) seen.add(metadata.id);
        return metadata;
      },
    },
  );
}
