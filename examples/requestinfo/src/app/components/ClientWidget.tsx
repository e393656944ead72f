"use client";

// The "use client" module: rendered by SSR (ssr environment) and in the
// browser (client environment); the worker only sees a client reference. Its
// commented-out imports are uncommented by tests/e2e/reoptimize.test.mjs
// (lines ending in "// @reopt:<package>").

import { useEffect, useState, useTransition } from "react";

import { ping } from "@/app/actions";

// import isOdd from "is-odd"; // @reopt:is-odd
// import isEven from "is-even"; // @reopt:is-even
// import isNumber from "is-number"; // @reopt:is-number

function clientMarkers(): string[] {
  const markers: string[] = [];
  // markers.push(`client:isOdd(3)=${isOdd(3)}`); // @reopt:is-odd
  // markers.push(`client:isEven(4)=${isEven(4)}`); // @reopt:is-even
  // markers.push(`client:isNumber(5)=${isNumber(5)}`); // @reopt:is-number
  return markers;
}

export function ClientWidget() {
  const [hydrated, setHydrated] = useState(false);
  const [result, setResult] = useState("");
  const [pending, startTransition] = useTransition();
  useEffect(() => setHydrated(true), []);

  return (
    <section id="client-widget" data-hydrated={hydrated ? "yes" : "no"}>
      <p id="client-marker">client component rendered</p>
      <ul id="client-markers">
        {clientMarkers().map((m) => (
          <li key={m} data-reopt={m}>
            {m}
          </li>
        ))}
      </ul>
      <button
        id="ping"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setResult(await ping());
          })
        }
      >
        Call the server function
      </button>
      <p id="action-result">{result}</p>
    </section>
  );
}
