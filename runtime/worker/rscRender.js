// RSC rendering in the worker (react-server build of React).
import { renderToReadableStream } from "react-server-dom-webpack/server.edge";
import { bundlerConfig } from "./bundlerConfig.js";

// The payload of every page/action response: { node, actionResult }.
export function renderRscStream(payload, { onError } = {}) {
  return renderToReadableStream(payload, bundlerConfig, { onError });
}
