// switchyard/__server_reference in the ssr environment: same stub shape as in
// the client (see serverReference.browser.js). During SSR an action can be
// referenced (e.g. <form action={fn}>) but not called.
import { createServerReference as createReference } from "react-server-dom-webpack/client.edge";

function callServerDuringSsr(id) {
  return Promise.reject(new Error(`Server action ${id} cannot be called during SSR`));
}

export function createServerReference(id) {
  return createReference(id, callServerDuringSsr);
}
