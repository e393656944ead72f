import { render, route } from "rwsdk/router";
import { defineApp, ErrorResponse } from "rwsdk/worker";
import { handleVitestRequest } from "rwsdk-community/worker";

import { Document } from "@/app/Document";
import { setCommonHeaders } from "@/app/headers";
import { About } from "@/app/pages/About";
import { Home } from "@/app/pages/Home";
import * as noteFunctions from "@/app/pages/notes/functions";
import * as noteQueries from "@/app/pages/notes/queries";
import { Login } from "@/app/pages/user/Login";
import * as userFunctions from "@/app/pages/user/functions";
import * as testUtils from "@/app/test-utils";
import { type Session, sessions } from "@/session/store";

export type AppContext = {
  session: Session | null;
};

export default defineApp([
  setCommonHeaders(),
  async ({ ctx, request, response }) => {
    try {
      ctx.session = await sessions.load(request);
    } catch (error) {
      // A cookie whose session is gone (or was signed with another key):
      // drop it and carry on signed out.
      if (error instanceof ErrorResponse && error.code === 401) {
        await sessions.remove(request, response.headers);
        ctx.session = null;
        return;
      }
      throw error;
    }
  },
  // The test bridge of rwsdk's Vitest guide (rwsdk-community); dev and test builds only.
  ...(import.meta.env.DEV
    ? [
        route("/_test", {
          post: ({ request }) =>
            handleVitestRequest(request, {
              ...noteFunctions,
              ...noteQueries,
              ...userFunctions,
              ...testUtils,
            }),
        }),
      ]
    : []),
  render(Document, [
    route("/", Home),
    route("/about", About),
    route("/user/login", Login),
  ]),
]);
