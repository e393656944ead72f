"use server";

import { requestInfo } from "rwsdk/worker";

import { deleteAllNotes, insertNote, likeNote } from "@/db";

/** Form action: `<form action={addNote}>` posts the form's fields. */
export async function addNote(formData: FormData) {
  const body = String(formData.get("body") ?? "").trim();
  if (!body) throw new Error("A note needs some text");
  const author = requestInfo.ctx.session?.userName ?? null;
  await insertNote(body.slice(0, 500), author);
}

/** onClick action: returns the note's new number of likes. */
export async function like(id: number) {
  return likeNote(id);
}

/** An action that redirects: the client follows the Location (rwsdk's action responses). */
export async function clearNotes() {
  await deleteAllNotes();
  return new Response(null, { status: 303, headers: { Location: "/about?cleared=1" } });
}
