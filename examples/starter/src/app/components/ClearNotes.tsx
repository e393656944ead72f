"use client";

import { clearNotes } from "@/app/pages/notes/functions";
import styles from "./Shell.module.css";

// An action that redirects: the action returns a 303 and rwsdk's client
// follows its Location.
export function ClearNotes() {
  return (
    <button id="clear-notes" className={styles.button} onClick={() => clearNotes()}>
      Clear all notes
    </button>
  );
}
