// switchyard/__server_reference in the worker environment ("react-server").
// The engine appends this to every "use server" module in the worker (the
// module imports its own namespace; its id is the module's resolved id):
//
//   import * as __switchyard_self from "<this module's id>";
//   import { registerServerReferences as __switchyard_register } from "switchyard/__server_reference";
//   __switchyard_register(__switchyard_self, "/src/app/actions.ts");
import { registerServerReference } from "react-server-dom-webpack/server.edge";

export function registerServerReferences(namespace, id) {
  for (const name of Object.keys(namespace)) {
    const value = namespace[name];
    if (typeof value === "function" && value.$$typeof !== Symbol.for("react.server.reference")) {
      registerServerReference(value, id, name);
    }
  }
}

export function createServerReference() {
  throw new Error("switchyard: createServerReference() is for the client and ssr environments; in the worker, \"use server\" modules stay real");
}
