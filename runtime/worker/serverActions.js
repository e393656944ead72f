// Server actions: POST with header x-rsc-action: "<id>#<export>", body
// produced by encodeReply() (text or multipart form data).
import { decodeReply } from "react-server-dom-webpack/server.edge";
import { useServerLookup } from "virtual:switchyard:use-server-lookup";
import { bundlerConfig } from "./bundlerConfig.js";
import { loadFromLookup } from "../shared/moduleLoader.js";
import { splitReferenceId } from "../shared/protocol.js";

export async function loadServerAction(actionId) {
  const [id, name] = splitReferenceId(actionId);
  if (!(id in useServerLookup)) {
    throw Object.assign(new Error(`Server action '${actionId}' not found (no "use server" module ${id})`), { status: 404 });
  }
  const mod = await loadFromLookup(useServerLookup, id, "use-server");
  const fn = mod[name];
  if (typeof fn !== "function" || fn.$$typeof !== Symbol.for("react.server.reference")) {
    throw Object.assign(new Error(`Server action '${actionId}' not found (not an exported function of a "use server" module)`), { status: 404 });
  }
  return fn;
}

export async function runServerAction(request, actionId) {
  const fn = await loadServerAction(actionId);
  const contentType = request.headers.get("content-type") || "";
  const body = contentType.startsWith("multipart/form-data") ? await request.formData() : await request.text();
  const args = await decodeReply(body, bundlerConfig);
  return fn.apply(null, args);
}
