// Wire conventions shared by the worker and the browser runtime.

// POST header that carries a server action id ("/src/app/actions.ts#greet").
export const ACTION_HEADER = "x-rsc-action";
// Query parameter asking for the raw RSC payload instead of HTML (navigation).
export const RSC_QUERY = "__rsc";
export const RSC_CONTENT_TYPE = "text/x-component";
// The inlined RSC payload: chunks are pushed, as strings, onto this global.
export const FLIGHT_GLOBAL = "__SWITCHYARD_FLIGHT__";
// Element the client hydrates (the Document puts {children} inside it).
export const DEFAULT_ROOT_ID = "root";

// Splits "<module id>#<export>" at the last '#'.
export function splitReferenceId(id) {
  const i = id.lastIndexOf("#");
  return i < 0 ? [id, ""] : [id.slice(0, i), id.slice(i + 1)];
}
