// A plain module (no directive), imported by the page: worker environment only.
//
// The lines ending in "// @reopt:<package>" are commented out on purpose: the
// re-optimization test (tests/e2e/reoptimize.test.mjs) removes their leading
// "// " while the server runs, so the worker environment discovers is-odd,
// is-even and is-number mid-session. See ../../../README.md.

// import isOdd from "is-odd"; // @reopt:is-odd
// import isEven from "is-even"; // @reopt:is-even
// import isNumber from "is-number"; // @reopt:is-number

// The markers this module contributes to the page (one per uncommented use).
export function plainMarkers(): string[] {
  const markers: string[] = [];
  // markers.push(`plain:isOdd(3)=${isOdd(3)}`); // @reopt:is-odd
  // markers.push(`plain:isEven(4)=${isEven(4)}`); // @reopt:is-even
  // markers.push(`plain:isNumber(5)=${isNumber(5)}`); // @reopt:is-number
  return markers;
}

export function describeRequest(request: Request): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}`;
}
