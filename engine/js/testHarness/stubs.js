// vi.stubGlobal / vi.unstubAllGlobals: replace a global for the test, and put
// every original (or its absence) back later.

const originals = new Map();

/** vi.stubGlobal(name, value): defines globalThis[name] = value, remembering the original descriptor. */
export function stubGlobal(name, value) {
  if (!originals.has(name)) originals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
}

/** vi.unstubAllGlobals(): restores every stubbed global, deleting the ones that did not exist. */
export function unstubAllGlobals() {
  for (const [name, descriptor] of originals) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete globalThis[name];
  }
  originals.clear();
}
