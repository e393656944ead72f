import { env } from "cloudflare:workers";
import type { RequestInfo } from "rwsdk/worker";

import { actionMarkers } from "@/app/actions";
import { ClientWidget } from "@/app/components/ClientWidget";
import { describeRequest, plainMarkers } from "@/app/lib/plain";
import { stateIdentity } from "@/app/lib/stateIdentity";

// A server component: rwsdk passes the route's requestInfo as props (request,
// ctx, params, response, ...). It shows them, the state module's identity, and
// the markers of the three modules whose imports the re-optimization test
// uncomments (plain module, "use client" component, "use server" module).
export async function Home({ request, ctx }: RequestInfo) {
  const markers = [...plainMarkers(), ...(await actionMarkers())];
  return (
    <main>
      <h1>requestInfo playground</h1>
      <p id="request-info">{`requestInfo: ${describeRequest(request)}`}</p>
      <p id="request-header">{`accept: ${request.headers.get("accept") ?? "(none)"}`}</p>
      <p id="env-var">{env.PLAYGROUND ?? "no PLAYGROUND var"}</p>
      <p id="middleware">{`middleware ran: ${typeof ctx.startedAt === "number" ? "yes" : "no"}`}</p>
      <p id="state-identity">{stateIdentity()}</p>
      <ul id="server-markers">
        {markers.map((m) => (
          <li key={m} data-reopt={m}>
            {m}
          </li>
        ))}
      </ul>
      <ClientWidget />
    </main>
  );
}
