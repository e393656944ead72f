import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";

import { Document } from "@/app/Document";
import { withRequestId } from "@/app/lib/requestContext";
import { Home } from "@/app/pages/Home";

const app = defineApp([render(Document, [route("/", Home)])]);

// Every request runs with its own request id in an AsyncLocalStorage
// (node:async_hooks under nodejs_compat), readable by any code below it.
export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    withRequestId(() => app.fetch(request, env, ctx)),
};
