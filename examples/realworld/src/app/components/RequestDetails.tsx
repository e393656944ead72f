import { currentRequestId, sha256 } from "../lib/requestContext";

/** Server component: values that come from node:async_hooks and node:crypto. */
export function RequestDetails() {
  const id = currentRequestId() ?? "none";
  return (
    <dl id="request-details">
      <dt>Request id (AsyncLocalStorage)</dt>
      <dd id="request-id">{id}</dd>
      <dt>SHA-256 of the id (node:crypto)</dt>
      <dd id="request-id-hash">{sha256(id)}</dd>
    </dl>
  );
}
