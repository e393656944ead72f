import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import card from "../src/app/components/Card.module.css";
import globalCss from "../src/app/styles.css?inline";

describe("stylesheets in the worker", () => {
  it("a CSS module gives its hashed class names", () => {
    expect(card.card).toMatch(/card/);
    expect(card.card).not.toBe("card");
    expect(Object.keys(card)).toEqual(expect.arrayContaining(["card", "title"]));
  });

  it("?inline gives the processed stylesheet (Tailwind ran)", () => {
    expect(globalCss).toContain("font-family");
    expect(globalCss).not.toContain('@import "tailwindcss"');
  });

  it("the Document links its stylesheets (?url) and the page uses the module's names", async () => {
    const html = await (await SELF.fetch("/")).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain('<link rel="stylesheet" href="/src/app/styles.css"');
    expect(head).toMatch(/<link rel="stylesheet" href="[^"]*\/@fontsource\/inter\/index\.css"/);
    expect(html).toContain(`class="${card.card}`);
  });
});
