import { defineApp, render, route } from "switchyard/worker";
import { Document } from "./app/Document";
import { Home } from "./app/pages/Home";

export default defineApp([
  // Middleware: runs before every route; what it puts on ctx shows on the page.
  ({ ctx }) => {
    ctx.startedAt = Date.now();
  },
  render(Document, [route("/", Home)]),
]);
