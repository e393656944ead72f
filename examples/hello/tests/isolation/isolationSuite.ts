// Storage isolation between files running in parallel: files-a and files-b
// both run this suite. Each writes the same KV key and registers visitors,
// waits while the other file runs, and must still see only its own data.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

export function defineIsolationSuite(side: string) {
  describe(`storage of file ${side}`, () => {
    it("sees only its own writes while the other file writes the same keys", async () => {
      await env.SESSIONS.put("shared-key", `written by ${side}`);
      await env.DB.prepare("INSERT INTO visitors (name, token) VALUES (?, ?)").bind(`from-${side}`, `token-${side}`).run();
      console.log(`file ${side} wrote at ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the other file runs meanwhile
      expect(await env.SESSIONS.get("shared-key")).toBe(`written by ${side}`);
      const { results } = await env.DB.prepare("SELECT name FROM visitors").all<{ name: string }>();
      expect(results).toEqual([{ name: `from-${side}` }]);
    });

    it("starts from empty storage (nothing from other files or earlier runs)", async () => {
      const { keys } = await env.SESSIONS.list();
      expect(keys.map((k) => k.name)).toEqual(["shared-key"]);
      expect(await SELF.fetch("/ping").then((r) => r.text())).toBe("pong");
    });
  });
}
