"use client";

import { useEffect, useState } from "react";
import styles from "./Card.module.css";
import { formatCount } from "@/app/lib/format";

export function Counter() {
  const [count, setCount] = useState(0);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <section id="counter" className={styles.card} data-hydrated={hydrated ? "yes" : "no"}>
      <p>
        Count: <output id="count">{count}</output> (<span id="count-text">{formatCount(count)}</span>)
      </p>
      <button id="increment" onClick={() => setCount((c) => c + 1)}>
        Increment
      </button>
    </section>
  );
}
