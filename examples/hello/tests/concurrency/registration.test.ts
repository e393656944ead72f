// Seed 004's "ConcurrentLogin": registrations racing each other inside one
// isolate never collide.
import { callServerAction, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { registerVisitor } from "../../src/app/visitors/actions";

// Each test makes 10-100 calls through rwsdk's whole request pipeline: more than
// a short --test-timeout allows under load.
describe("concurrent registration", { timeout: 30_000 }, () => {
  it("gives 100 concurrent registrations 100 unique ids and tokens", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => callServerAction(registerVisitor, [`visitor-${i}`])),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(100);
    expect(new Set(results.map((r) => r.token)).size).toBe(100);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM visitors").first<{ n: number }>())!;
    expect(n).toBe(100); // this file's storage only: nothing from other files or runs
  });

  it("maps every token back to its own name", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `named-${i}`);
    const results = await Promise.all(names.map((name) => callServerAction(registerVisitor, [name])));
    const rows = await Promise.all(
      results.map((r) => env.DB.prepare("SELECT name FROM visitors WHERE token = ?").bind(r.token).first<{ name: string }>()),
    );
    expect(rows.map((row) => row!.name)).toEqual(names);
  });

  it("rejects an empty name with the action's error", async () => {
    await expect(callServerAction(registerVisitor, ["  "])).rejects.toMatchObject({ message: "A visitor needs a name", status: 400 });
  });
});
