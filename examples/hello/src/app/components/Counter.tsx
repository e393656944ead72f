"use client";

import { useEffect, useState, useTransition } from "react";
import { greet } from "../actions";

export function Counter({ start }: { start: number }) {
  const [count, setCount] = useState(start);
  const [hydrated, setHydrated] = useState(false);
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  useEffect(() => setHydrated(true), []);

  return (
    <section id="counter" data-hydrated={hydrated ? "yes" : "no"}>
      <p>
        Count: <output id="count">{count}</output>
      </p>
      <button id="increment" onClick={() => setCount((c) => c + 1)}>
        Increment
      </button>
      <button
        id="greet"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(await greet("Switchyard", count));
          })
        }
      >
        Greet on the server
      </button>
      <p id="action-result">{message}</p>
    </section>
  );
}
