import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";

import { Document } from "@/app/Document";
import { Home } from "@/app/pages/Home";

export type AppContext = {
  /** Set by the middleware below; the page and the server function read it. */
  startedAt: number;
};

export default defineApp([
  // Middleware: runs before every route (pages and server function requests).
  // What it puts on ctx shows on the page; the response header it sets is on
  // every response.
  ({ ctx, response }) => {
    ctx.startedAt = Date.now();
    response.headers.set("X-Playground", "requestinfo");
  },
  render(Document, [route("/", Home)]),
]);
