"use client";

import { addNote } from "@/app/pages/notes/functions";
import styles from "./Shell.module.css";

// A form action: React posts the form through rwsdk's action request and
// re-renders the page with the new server state.
export function AddNote() {
  return (
    <form id="add-note" className={styles.form} action={addNote}>
      <input name="body" placeholder="Write a note" required />
      <button className={styles.button} type="submit">
        Add
      </button>
    </form>
  );
}
