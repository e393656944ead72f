/* eslint-disable */
// The shape `wrangler types --include-runtime false` writes for this
// wrangler.jsonc, plus the .dev.vars secret.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./src/worker");
  }
  interface Env {
    APP_NAME: "Realworld";
    API_SECRET: string;
    ASSETS: Fetcher;
  }
}
interface Env extends Cloudflare.Env {}
