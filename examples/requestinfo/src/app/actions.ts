"use server";

// The "use server" module: real code in the worker environment only (client
// and ssr get server references). Its commented-out imports are uncommented by
// tests/e2e/reoptimize.test.mjs (lines ending in "// @reopt:<package>").

import { requestInfo } from "rwsdk/worker";

import { stateIdentity } from "@/app/lib/stateIdentity";

// import isOdd from "is-odd"; // @reopt:is-odd
// import isEven from "is-even"; // @reopt:is-even
// import isNumber from "is-number"; // @reopt:is-number

// Markers of this module's uses, shown by the page (which calls this directly
// on the server) and returned by ping().
export async function actionMarkers(): Promise<string[]> {
  const markers: string[] = [];
  // markers.push(`action:isOdd(3)=${isOdd(3)}`); // @reopt:is-odd
  // markers.push(`action:isEven(4)=${isEven(4)}`); // @reopt:is-even
  // markers.push(`action:isNumber(5)=${isNumber(5)}`); // @reopt:is-number
  return markers;
}

// The server function the client widget calls: it reads the request and the
// middleware's ctx through requestInfo and sets response headers through it
// (the check that requestInfo is still the live request context after a
// re-optimization).
export async function ping(): Promise<string> {
  const { request, ctx, response } = requestInfo;
  response.headers.set("x-action-ran", "yes");
  response.headers.set("x-state-identity", stateIdentity());
  response.headers.set("x-action-method", request.method);
  const markers = await actionMarkers();
  const middleware = typeof ctx.startedAt === "number" ? "yes" : "no";
  return `pong state=${stateIdentity()} middleware=${middleware} markers=[${markers.join(",")}]`;
}
