import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import products, { currency, items } from "../src/app/data/products.json";
import addModule from "../src/app/wasm/add.wasm";
import logoUrl from "../src/app/assets/logo.svg";
import about from "../src/app/content/about.md?raw";

describe("non-JavaScript modules in the worker", () => {
  it("a JSON import has a default export and named exports of its keys", () => {
    expect(currency).toBe("EUR");
    expect(items).toHaveLength(3);
    expect(products["shipping-note"]).toMatch(/^Ships/);
  });

  it("a .wasm import is a WebAssembly.Module (wrangler's CompiledWasm rule)", () => {
    expect(addModule).toBeInstanceOf(WebAssembly.Module);
    const { exports } = new WebAssembly.Instance(addModule);
    expect((exports.add as (a: number, b: number) => number)(2, 40)).toBe(42);
  });

  it("an SVG import is its served URL and ?raw is the file's text", () => {
    expect(logoUrl).toBe("/src/app/assets/logo.svg");
    expect(about).toContain("# About this yard");
  });

  it("the page renders them", async () => {
    const html = await (await SELF.fetch("/")).text();
    expect(html).toContain('src="/src/app/assets/logo.svg"');
    expect(html).toContain("Point lever");
  });
});
