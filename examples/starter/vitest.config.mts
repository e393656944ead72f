import path from "node:path";
import { fileURLToPath } from "node:url";

import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// rwsdk's Vitest guide: the tests run in Cloudflare's Workers pool against the
// BUILT worker (`npm test` builds first), and reach server functions through
// the /_test bridge of src/worker.tsx. The D1 migrations are applied by
// src/tests/applyMigrations.ts, as Cloudflare's D1 testing docs show.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./dist/worker/wrangler.json" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
          AUTH_SECRET_KEY: "vitest-only-session-signing-key",
        },
      },
    }),
  ],
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/tests/applyMigrations.ts"],
  },
}));
