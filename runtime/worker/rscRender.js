// RSC rendering in the worker (react-server build of React).
import { renderToReadableStream } from "react-server-dom-webpack/server.edge";
import { bundlerConfig, recordingBundlerConfig } from "./bundlerConfig.js";

// The payload of every page/action response: { node, actionResult }.
// `clientReferences` (a Set, optional) receives the id of each "use client"
// module the render references.
export function renderRscStream(payload, { onError, clientReferences } = {}) {
  const config = clientReferences ? recordingBundlerConfig(clientReferences) : bundlerConfig;
  return renderToReadableStream(payload, config, { onError });
}
