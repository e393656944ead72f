import { defineApp, render, route } from "switchyard/worker";
import { Document } from "@/app/Document";
import { withRequestId } from "@/app/lib/requestContext";
import { Home } from "@/app/pages/Home";

const app = defineApp([render(Document, [route("/", Home)])]);

export default {
  fetch: (...args: Parameters<typeof app.fetch>) => withRequestId(() => app.fetch(...args)),
};
