// switchyard/__state: state that must outlive re-evaluation of everything else.
//
// The engine evaluates this module ONCE per worker isolate and never
// invalidates it (it is not pre-bundled and not dropped on a full reload), so
// values defined here (the request AsyncLocalStorage, ...) survive
// re-optimization of dependencies and HMR of app code.
// stateIdentity() lets the engine and tests check that promise: it is fixed
// when this module instance is evaluated and changes only if it is evaluated
// again (which would be an engine bug).

const identity = `state-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const store = new Map();

export function stateIdentity() {
  return identity;
}

// Returns the value stored under key, creating it with init() the first time.
export function defineRwState(key, init) {
  if (!store.has(key)) store.set(key, init());
  return store.get(key);
}

export function getRwState(key) {
  return store.get(key);
}

export function setRwState(key, value) {
  store.set(key, value);
  return value;
}
