import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { formatCount } from "@/app/lib/format";
import { describeSecret } from "@/app/lib/secret";

// The app's configuration as `switchyard test` sees it: the "@/" alias of
// tsconfig.json (through tsconfig.base.json), import.meta.env from .env in
// mode "test", and the .dev.vars secret in the worker's env.
describe("configuration", () => {
  it("resolves the @/ alias", () => {
    expect(formatCount(1)).toBe("1 click");
    expect(formatCount(3)).toBe("3 clicks");
  });

  it("gets import.meta.env from .env", () => {
    expect(import.meta.env.MODE).toBe("test");
    expect(import.meta.env.SSR).toBe(true);
    expect(import.meta.env.VITE_APP_TITLE).toBe("Realworld on Switchyard");
    expect(import.meta.env.VITE_GREETING).toBe("Hello from Realworld on Switchyard");
  });

  it("gets the .dev.vars secret in env, over wrangler vars", async () => {
    expect(env.APP_NAME).toBe("Realworld");
    expect(typeof env.API_SECRET).toBe("string");
    expect(await describeSecret(env.API_SECRET)).toMatch(/^\d+ characters, sha256 [0-9a-f]{8}…$/);
  });
});
