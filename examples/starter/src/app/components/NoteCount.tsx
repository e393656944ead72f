"use client";

import { useState } from "react";

import { getNoteCount } from "@/app/pages/notes/queries";
import styles from "./Shell.module.css";

// A serverQuery: a GET that returns data only, the page is not re-rendered.
export function NoteCount() {
  const [count, setCount] = useState<number | null>(null);
  return (
    <p>
      <button
        id="count-notes"
        className={styles.button}
        onClick={async () => setCount((await getNoteCount()).count)}
      >
        Count notes
      </button>{" "}
      <span id="note-count">{count === null ? "" : `${count} note(s)`}</span>
    </p>
  );
}
