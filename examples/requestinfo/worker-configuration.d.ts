/* eslint-disable */
// The shape `wrangler types --include-runtime false` writes for this wrangler.jsonc.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./src/worker");
  }
  interface Env {
    PLAYGROUND: "requestinfo playground";
    ASSETS: Fetcher;
  }
}
interface Env extends Cloudflare.Env {}
