// switchyard/requestInfo: the current request's context.
//
// requestInfo = { request, params, ctx, env, executionContext,
//                 response: { headers, status } }
// It is valid only while a request is handled (inside defineApp's fetch).
// The AsyncLocalStorage lives in switchyard/__state so that it survives the
// re-evaluation of this module. The engine defines globalThis.AsyncLocalStorage
// before any module is loaded (React checks for it when it is evaluated too).
import { defineRwState } from "./state.js";

const storage = defineRwState("switchyard:requestStorage", () => {
  const ALS = globalThis.AsyncLocalStorage;
  if (typeof ALS !== "function") {
    throw new Error("switchyard: globalThis.AsyncLocalStorage is not defined (the engine must define it before loading the worker)");
  }
  return new ALS();
});

export function getRequestInfo() {
  const info = storage.getStore();
  if (!info) throw new Error("Request context not found");
  return info;
}

// Runs fn(info) with info as the current request context.
export function runWithRequestInfo(info, fn) {
  return storage.run(info, fn, info);
}

// env (the worker's bindings and vars), executionContext and response are
// own but not enumerable: a layout receives requestInfo as a prop, and React's
// development Flight server copies a server component's props (enumerable
// properties, a few levels deep) into the RSC payload as debug info, which
// would send vars, secrets and the response's Set-Cookie to the browser.
// Reading them (requestInfo.env, destructuring) works as before; a spread
// ({ ...requestInfo }) leaves them out.
export function createRequestInfo({ request, env = {}, executionContext, params = {} }) {
  const info = { request, params, ctx: {} };
  Object.defineProperties(info, {
    env: { value: env, writable: true, configurable: true, enumerable: false },
    executionContext: { value: executionContext, writable: true, configurable: true, enumerable: false },
    response: {
      value: { headers: new Headers(), status: 200 },
      writable: true,
      configurable: true,
      enumerable: false,
    },
  });
  return info;
}

// Every field of `info`, hidden ones included, as enumerable properties: for
// the Document, whose props only ever become HTML on the server.
export function allRequestInfoFields(info) {
  return Object.fromEntries(Object.getOwnPropertyNames(info).map((name) => [name, info[name]]));
}

// A live view of the current request context: requestInfo.request etc. read
// the context of the request being handled when the property is accessed.
export const requestInfo = new Proxy(
  {},
  {
    get(_, key) {
      return getRequestInfo()[key];
    },
    set(_, key, value) {
      getRequestInfo()[key] = value;
      return true;
    },
    has(_, key) {
      return key in getRequestInfo();
    },
    ownKeys() {
      return Reflect.ownKeys(getRequestInfo());
    },
    getOwnPropertyDescriptor(_, key) {
      const desc = Reflect.getOwnPropertyDescriptor(getRequestInfo(), key);
      if (desc) desc.configurable = true;
      return desc;
    },
  },
);
