// switchyard/__client_reference (worker environment only).
// The engine replaces every "use client" module, in the worker environment,
// by a module of this shape (one line per export):
//
//   import { createClientReference } from "switchyard/__client_reference";
//   export const Counter = createClientReference("/src/app/components/Counter.tsx", "Counter");
//   export default createClientReference("/src/app/components/Counter.tsx", "default");
import { registerClientReference } from "react-server-dom-webpack/server.edge";

export function createClientReference(id, exportName) {
  const where = `${exportName} from ${id}`;
  const proxy = function () {
    throw new Error(`${where} is a client component ("use client"): it cannot be called on the server`);
  };
  return registerClientReference(proxy, id, exportName);
}
