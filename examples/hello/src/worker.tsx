import { defineApp, render, route } from "switchyard/worker";
import { Document } from "./app/Document";
import { Home } from "./app/pages/Home";

export default defineApp([
  // Middleware: runs before every route, may return a Response.
  ({ ctx, request }) => {
    ctx.startedAt = Date.now();
    if (new URL(request.url).pathname === "/ping") return new Response("pong");
  },
  render(Document, [route("/", Home)]),
]);
