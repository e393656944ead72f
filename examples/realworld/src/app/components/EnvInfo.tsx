"use client";

import { useEffect, useState } from "react";

// import.meta.env in a client component: rendered by the ssr environment for
// the HTML (SSR true) and hydrated by the client one (SSR false).
export function EnvInfo() {
  const [hydrated, setHydrated] = useState("");
  useEffect(() => setHydrated(String(import.meta.env.SSR)), []);
  return (
    <p id="env-client">
      <span id="env-client-title">{import.meta.env.VITE_APP_TITLE}</span> (
      <span id="env-client-mode">{import.meta.env.MODE}</span>, rendered with SSR{" "}
      <span id="env-render-ssr" suppressHydrationWarning>
        {String(import.meta.env.SSR)}
      </span>
      , hydrated with SSR <span id="env-hydrated-ssr">{hydrated}</span>)
    </p>
  );
}
