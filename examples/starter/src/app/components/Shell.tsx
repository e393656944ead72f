"use client";

import { type ReactNode, useEffect, useState } from "react";

import { link } from "@/app/shared/links";
import styles from "./Shell.module.css";

export function Shell({ userName, children }: { userName: string | null; children: ReactNode }) {
  // "yes" once React has hydrated this client component in the browser.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <div className={styles.shell}>
      <nav className={styles.nav} data-hydrated={hydrated ? "yes" : "no"}>
        <a id="home-link" className={styles.navLink} href={link("/")}>
          Notes
        </a>
        <a id="about-link" className={styles.navLink} href={link("/about")}>
          About
        </a>
        <span id="session" className={styles.user}>
          {userName ? `Signed in as ${userName}` : <a href={link("/user/login")}>Sign in</a>}
        </span>
      </nav>
      {children}
    </div>
  );
}
