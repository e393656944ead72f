import { env } from "cloudflare:workers";

/** A row of the notes table (migrations/0001_create_notes.sql). */
export interface Note {
  id: number;
  body: string;
  author: string | null;
  likes: number;
  created_at: string;
}

export async function listNotes(): Promise<Note[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, body, author, likes, created_at FROM notes ORDER BY id DESC LIMIT 50",
  ).all<Note>();
  return results;
}

export async function insertNote(body: string, author: string | null): Promise<number> {
  const result = await env.DB.prepare("INSERT INTO notes (body, author) VALUES (?, ?)")
    .bind(body, author)
    .run();
  return result.meta.last_row_id;
}

export async function likeNote(id: number): Promise<number> {
  const row = await env.DB.prepare("UPDATE notes SET likes = likes + 1 WHERE id = ? RETURNING likes")
    .bind(id)
    .first<{ likes: number }>();
  if (!row) throw new Error(`No note with id ${id}`);
  return row.likes;
}

export async function countNotes(): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM notes").first<{ n: number }>();
  return row?.n ?? 0;
}

export async function deleteAllNotes(): Promise<void> {
  await env.DB.prepare("DELETE FROM notes").run();
}
