import { countNotes, deleteAllNotes, listNotes } from "@/db";

// Plain worker functions (no "use server": not callable as actions), reached
// only through the /_test bridge in dev and test builds: what the Vitest file
// checks and resets.
export async function resetNotes() {
  await deleteAllNotes();
}

export async function noteBodies() {
  return (await listNotes()).map((n) => n.body);
}

export async function latestNoteId() {
  return (await listNotes())[0]?.id ?? null;
}

export async function noteTotal() {
  return countNotes();
}
