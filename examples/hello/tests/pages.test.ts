// The app's pages through SELF.fetch: the whole request pipeline (middleware,
// router, RSC render, SSR through the bridge) inside this test's isolate.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("pages", () => {
  it("renders the home page with vars and middleware", async () => {
    const response = await SELF.fetch("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("Hello from Switchyard");
    expect(html).toContain(env.GREETING);
    expect(html).toMatch(/Middleware ran: (<!-- -->)?yes/);
    expect(html).toMatch(/isNumber\(&quot;42&quot;\) is (<!-- -->)?true/);
  });

  it("answers middleware routes before the router", async () => {
    const response = await SELF.fetch("http://localhost/ping");
    expect(await response.text()).toBe("pong");
  });

  it("answers 404 for unknown paths", async () => {
    const response = await SELF.fetch("/no/such/page");
    expect(response.status).toBe(404);
  });

  it("serves the RSC payload with ?__rsc", async () => {
    const response = await SELF.fetch("/?__rsc");
    expect(response.headers.get("content-type")).toMatch(/^text\/x-component/);
    expect(await response.text()).toContain("Hello from Switchyard");
  });

  it("renders the request path the page was asked for", async () => {
    const html = await (await SELF.fetch("/?from=test")).text();
    expect(html).toMatch(/Rendered on the server for (<!-- -->)?\/(<!-- -->)? \(method (<!-- -->)?GET/);
  });
});
