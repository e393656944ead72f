// Node.js APIs under nodejs_compat (see compatibility_flags in wrangler.jsonc),
// used the way Cloudflare's Node.js compatibility docs use them: a request id
// kept in AsyncLocalStorage for the whole request, and node:crypto.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomUUID } from "node:crypto";

const requestIds = new AsyncLocalStorage<string>();

/** Runs `handler` with a fresh request id that code below it can read. */
export function withRequestId<T>(handler: () => T): T {
  return requestIds.run(randomUUID(), handler);
}

/** The id of the request being handled (undefined outside one). */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
