/* eslint-disable */
// The shape `wrangler types --include-runtime false` writes for this wrangler.jsonc.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./src/worker");
  }
  interface Env {
    APP_NAME: "Starter";
    DB: D1Database;
    SESSIONS: KVNamespace;
    ASSETS: Fetcher;
  }
}
interface Env extends Cloudflare.Env {}
