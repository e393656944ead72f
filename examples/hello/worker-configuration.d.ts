/* eslint-disable */
// The shape `wrangler types --include-runtime false` writes for this wrangler.jsonc.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./src/worker");
  }
  interface Env {
    GREETING: "Greetings from wrangler.jsonc vars";
    ASSETS: Fetcher;
    SESSIONS: KVNamespace;
    DB: D1Database;
  }
}
interface Env extends Cloudflare.Env {}
