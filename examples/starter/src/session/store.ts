import { env } from "cloudflare:workers";
import { defineSessionStore } from "rwsdk/auth";

/** What a signed-in visitor's session holds (kept in the SESSIONS KV namespace). */
export interface Session {
  userName: string;
  signedInAt: string;
}

const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

// rwsdk's session store with KV behind it: the cookie carries a signed
// session id, KV keeps the data under that id.
export const sessions = defineSessionStore<Session, Session>({
  cookieName: "starter_session",
  get: async (sessionId) => {
    const session = await env.SESSIONS.get<Session>(`session:${sessionId}`, "json");
    if (!session) throw new Error("session not found");
    return session;
  },
  set: async (sessionId, session) => {
    await env.SESSIONS.put(`session:${sessionId}`, JSON.stringify(session), {
      expirationTtl: SESSION_TTL_SECONDS,
    });
  },
  unset: async (sessionId) => {
    await env.SESSIONS.delete(`session:${sessionId}`);
  },
});
