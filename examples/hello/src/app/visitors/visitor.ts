// Who is calling: a visitor identifies with the token registerVisitor() gave
// them, as the `x-visitor-token` header or the `visitor` cookie. The
// middleware in src/worker.tsx puts the visitor into requestInfo.ctx.
export interface Visitor {
  id: number;
  name: string;
  token: string;
}

export interface VisitorEnv {
  DB: D1Database;
  SESSIONS: KVNamespace;
}

export function visitorTokenOf(request: Request): string | null {
  const header = request.headers.get("x-visitor-token");
  if (header) return header;
  const cookie = request.headers.get("cookie") ?? "";
  const match = /(?:^|;\s*)visitor=([^;]+)/.exec(cookie);
  return match ? decodeURIComponent(match[1]) : null;
}

export async function findVisitor(env: VisitorEnv, token: string): Promise<Visitor | null> {
  return env.DB.prepare("SELECT id, name, token FROM visitors WHERE token = ?").bind(token).first<Visitor>();
}
