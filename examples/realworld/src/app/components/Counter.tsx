"use client";

import { useState } from "react";

export function Counter() {
  const [count, setCount] = useState(0);
  return (
    <section id="counter">
      <p>
        Count: <output id="count">{count}</output>
      </p>
      <button id="increment" onClick={() => setCount((c) => c + 1)}>
        Increment
      </button>
    </section>
  );
}
