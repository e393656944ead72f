import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { modernFeatures } from "../src/app/modern";

const checks = await modernFeatures();

describe("modern JavaScript in the worker", () => {
  it.each(checks)("$feature", ({ value, expected }) => {
    expect(value).toBe(expected);
  });

  it("a test file can use `using` and decorators itself", () => {
    const log: string[] = [];
    const tagged = (_: unknown, ctx: ClassDecoratorContext) => void log.push(`tag ${String(ctx.name)}`);
    @tagged
    class Job {}
    {
      using job = { [Symbol.dispose]: () => log.push("disposed") };
      log.push(typeof Job);
    }
    expect(log).toEqual(["tag Job", "function", "disposed"]);
  });

  it("the page lists every feature as working", async () => {
    const html = await (await SELF.fetch("/")).text();
    expect(html).toContain('data-failed="0"');
    expect(html).not.toContain('data-ok="false"');
  });
});
