"use server";

// The "use server" module: real code in the worker environment only (client
// and ssr get reference stubs). Its commented-out imports are uncommented by
// tests/e2e/reoptimize.test.mjs (lines ending in "// @reopt:<package>").

import { requestInfo } from "switchyard/requestInfo";
import { stateIdentity } from "switchyard/__state";

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

// The action: mutates the response through requestInfo (the seed's check that
// requestInfo is still the live request context after a re-optimization).
export async function ping(): Promise<string> {
  requestInfo.response.headers.set("x-action-ran", "yes");
  requestInfo.response.headers.set("x-state-identity", stateIdentity());
  const markers = await actionMarkers();
  return `pong state=${stateIdentity()} markers=[${markers.join(",")}]`;
}
