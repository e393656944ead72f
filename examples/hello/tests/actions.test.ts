// The greet server action, called the way a browser would reach it (inside a
// request, after middleware) through cloudflare:test's callServerAction.
import { callServerAction } from "cloudflare:test";
import { getRequestInfo, requestInfo } from "rwsdk/worker";
import { describe, expect, it } from "vitest";
import { greet } from "../src/app/actions";

describe("greet action", () => {
  it("runs inside the request pipeline and returns its result", async () => {
    await expect(callServerAction(greet, ["Ada", 3])).resolves.toBe("Hello, Ada! The server saw count 3.");
  });

  it("can be called by its reference id", async () => {
    await expect(callServerAction("/src/app/actions.ts#greet", ["Grace", 1])).resolves.toContain("Grace");
  });

  it("is a registered server reference", () => {
    expect(greet.$$typeof).toBe(Symbol.for("react.server.reference"));
    expect(greet.$$id).toBe("/src/app/actions.ts#greet");
  });

  it("needs a request context when called directly", async () => {
    // Outside a request rwsdk's requestInfo has no fields (its getters read an empty
    // AsyncLocalStorage), so the action fails on requestInfo.response; getRequestInfo()
    // says why.
    expect(requestInfo.response).toBeUndefined();
    await expect(greet("Ada", 1)).rejects.toThrow(TypeError);
    expect(() => getRequestInfo()).toThrow("Request context not found");
  });

  it("rejects an unknown action with the worker's error", async () => {
    const call = callServerAction("/src/app/actions.ts#nope", []);
    await expect(call).rejects.toThrow(/not found/);
    await expect(call).rejects.toMatchObject({ status: 404 });
  });
});
