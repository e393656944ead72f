"use server";
// Visitor actions: registration (D1), identity from the request context,
// and a KV-backed session. Each await below is a point where other requests
// run in between: the concurrency suites in tests/concurrency prove that ids
// stay unique and that every call still sees its own caller.
import { env } from "cloudflare:workers";
import { ErrorResponse, requestInfo } from "rwsdk/worker";

import { loadSession, saveSession, type Session } from "./session";
import type { Visitor } from "./visitor";

function currentVisitor(): Visitor {
  const visitor = requestInfo.ctx.visitor;
  if (!visitor) throw new ErrorResponse(401, "Not signed in: send the x-visitor-token header");
  return visitor;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function registerVisitor(name: string): Promise<{ id: number; token: string }> {
  if (!name.trim()) throw new ErrorResponse(400, "A visitor needs a name");
  const token = crypto.randomUUID();
  const result = await env.DB.prepare("INSERT INTO visitors (name, token) VALUES (?, ?)").bind(name, token).run();
  requestInfo.response.headers.append("set-cookie", `visitor=${encodeURIComponent(token)}; Path=/; HttpOnly`);
  return { id: Number(result.meta.last_row_id), token };
}

/// Who the request context says is calling, read before and after other
/// requests had their turn (a timer, a D1 query).
export async function whoAmI(nonce: string): Promise<{ before: string; after: string; nonce: string; path: string }> {
  const before = currentVisitor().name;
  await pause(Math.floor(Math.random() * 4));
  await env.DB.prepare("SELECT count(*) AS n FROM visitors").first();
  const after = currentVisitor().name;
  return { before, after, nonce, path: new URL(requestInfo.request.url).pathname };
}

export async function rememberInSession(key: string, value: string): Promise<Session> {
  const { token } = currentVisitor();
  const session = await loadSession(env, token);
  session[key] = value;
  await saveSession(env, token, session);
  return session;
}

export async function readSession(): Promise<Session> {
  return loadSession(env, currentVisitor().token);
}
