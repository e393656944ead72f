import { env } from "cloudflare:workers";
import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";

import { Document } from "@/app/Document";
import { Home } from "@/app/pages/Home";
import { findVisitor, type Visitor, visitorTokenOf } from "@/app/visitors/visitor";

export type AppContext = {
  startedAt?: number;
  visitor?: Visitor | null;
};

export default defineApp([
  // Middleware: runs before every route, may return a Response.
  ({ ctx, request }) => {
    ctx.startedAt = Date.now();
    if (new URL(request.url).pathname === "/ping") return new Response("pong");
  },
  // Identifies the visitor (token header or cookie) for the actions.
  async ({ ctx, request }) => {
    const token = visitorTokenOf(request);
    if (token) ctx.visitor = await findVisitor(env, token);
  },
  render(Document, [route("/", Home)]),
]);
