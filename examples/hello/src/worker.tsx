import { defineApp, render, route } from "switchyard/worker";
import { Document } from "./app/Document";
import { Home } from "./app/pages/Home";
import { findVisitor, visitorTokenOf, type VisitorEnv } from "./app/visitors/visitor";

export default defineApp([
  // Middleware: runs before every route, may return a Response.
  ({ ctx, request }) => {
    ctx.startedAt = Date.now();
    if (new URL(request.url).pathname === "/ping") return new Response("pong");
  },
  // Identifies the visitor (token header or cookie) for the actions.
  async ({ ctx, request, env }) => {
    const token = visitorTokenOf(request);
    if (token) ctx.visitor = await findVisitor(env as VisitorEnv, token);
  },
  render(Document, [route("/", Home)]),
]);
