// switchyard/__server_reference in the client environment.
// The engine replaces every "use server" module, in client and ssr, by:
//
//   import { createServerReference } from "switchyard/__server_reference";
//   export const greet = createServerReference("/src/app/actions.ts#greet");
//   export default createServerReference("/src/app/actions.ts#default");
import "../client/moduleLoader.js"; // before client.browser (see that file)
import { createServerReference as createReference } from "react-server-dom-webpack/client.browser";
import { callServer } from "../client/callServer.js";

export function createServerReference(id) {
  return createReference(id, callServer);
}
