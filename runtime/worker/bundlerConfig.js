// The manifests react-server-dom-webpack's server needs. Switchyard has no
// chunks: a reference's id is the module's normalized path, every module is
// loaded by __webpack_require__(id) as an async module.
//   client manifest (renderToReadableStream): key "<id>#<export>"
//   server manifest (decodeReply):            key "<id>#<export>"
import { splitReferenceId } from "../shared/protocol.js";

export const bundlerConfig = new Proxy(
  {},
  {
    get(_, key) {
      if (typeof key !== "string") return undefined;
      const [id, name] = splitReferenceId(key);
      return { id, name, chunks: [], async: true };
    },
  },
);
