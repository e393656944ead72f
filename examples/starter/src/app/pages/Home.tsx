import { env } from "cloudflare:workers";
import type { RequestInfo } from "rwsdk/worker";

import { AddNote } from "@/app/components/AddNote";
import { ClearNotes } from "@/app/components/ClearNotes";
import { LikeButton } from "@/app/components/LikeButton";
import { NoteCount } from "@/app/components/NoteCount";
import { Shell } from "@/app/components/Shell";
import { listNotes } from "@/db";

export async function Home({ ctx }: RequestInfo) {
  const notes = await listNotes();
  return (
    <Shell userName={ctx.session?.userName ?? null}>
      <h1 id="title">{env.APP_NAME} notes</h1>
      <p id="intro">Notes live in D1; who wrote them comes from a KV session.</p>
      <AddNote />
      <ul id="notes">
        {notes.map((note) => (
          <li key={note.id} data-note-id={note.id}>
            <span className="note-body">{note.body}</span>
            {note.author ? <em> by {note.author}</em> : null}{" "}
            <LikeButton id={note.id} likes={note.likes} />
          </li>
        ))}
      </ul>
      <NoteCount />
      <ClearNotes />
    </Shell>
  );
}
