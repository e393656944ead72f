import { requestInfo } from "switchyard/requestInfo";
import { stateIdentity } from "switchyard/__state";
import { actionMarkers } from "../actions";
import { ClientWidget } from "../components/ClientWidget";
import { describeRequest, plainMarkers } from "../lib/plain";

// Server component: requestInfo data, the state module's identity, and the
// markers of the three modules whose imports the re-optimization test
// uncomments (plain module, "use client" component, "use server" module).
export async function Home() {
  const { request, env, ctx } = requestInfo;
  const markers = [...plainMarkers(), ...(await actionMarkers())];
  return (
    <main>
      <h1>requestInfo playground</h1>
      <p id="request-info">{`requestInfo: ${describeRequest(request)}`}</p>
      <p id="env-var">{env.PLAYGROUND ?? "no PLAYGROUND var"}</p>
      <p id="middleware">{`middleware ran: ${typeof ctx.startedAt === "number" ? "yes" : "no"}`}</p>
      <p id="state-identity">{stateIdentity()}</p>
      <ul id="server-markers">
        {markers.map((m) => (
          <li key={m} data-reopt={m}>{m}</li>
        ))}
      </ul>
      <ClientWidget />
    </main>
  );
}
