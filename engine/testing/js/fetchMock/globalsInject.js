// Injected into the fetchMock bundle: undici's code reads `Buffer` and
// `process` as globals, which a test isolate does not have.
import shims from "./nodeShims.cjs";
export const Buffer = shims.Buffer;
export const process = shims.process;
