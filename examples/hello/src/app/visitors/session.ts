// A visitor's session: one JSON object in the SESSIONS KV namespace under
// "session:<token>". Writes of one request are read-modify-write of that
// object; different visitors never share a key.
import type { VisitorEnv } from "./visitor";

export type Session = Record<string, string>;

const keyOf = (token: string) => `session:${token}`;

export async function loadSession(env: VisitorEnv, token: string): Promise<Session> {
  return (await env.SESSIONS.get<Session>(keyOf(token), "json")) ?? {};
}

export async function saveSession(env: VisitorEnv, token: string, session: Session): Promise<void> {
  await env.SESSIONS.put(keyOf(token), JSON.stringify(session));
}
