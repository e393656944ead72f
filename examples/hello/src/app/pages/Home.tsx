import { env } from "cloudflare:workers";
import isNumber from "is-number";
import type { RequestInfo } from "rwsdk/worker";

import { Counter } from "@/app/components/Counter";

export function Home({ request, ctx }: RequestInfo) {
  const url = new URL(request.url);
  return (
    <main>
      <h1>Hello from Switchyard</h1>
      <p id="is-number">isNumber("42") is {String(isNumber("42"))}, isNumber("forty-two") is {String(isNumber("forty-two"))}</p>
      <p id="request-path">Rendered on the server for {url.pathname} (method {request.method}).</p>
      <p id="greeting">{env.GREETING ?? "no GREETING var"}</p>
      <p id="middleware">Middleware ran: {typeof ctx.startedAt === "number" ? "yes" : "no"}</p>
      <Counter start={1} />
    </main>
  );
}
