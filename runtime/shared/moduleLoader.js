// The __webpack_require__ / __webpack_chunk_load__ pair that
// react-server-dom-webpack calls to load client (and server) references.
//
// Every reference the runtime emits is "async" with no chunks, so React calls
// __webpack_require__(id) and expects a thenable it can track. It must get the
// SAME thenable for the same id on every call (React stores status/value on
// it), hence the memo.

// load(id) -> Promise<module namespace>
export function createModuleRequire(load) {
  const cache = new Map();
  return function moduleRequire(id) {
    let entry = cache.get(id);
    if (!entry) {
      entry = Promise.resolve().then(() => load(id));
      entry.status = "pending";
      entry.then(
        (value) => {
          entry.status = "fulfilled";
          entry.value = value;
        },
        (reason) => {
          entry.status = "rejected";
          entry.reason = reason;
        },
      );
      cache.set(id, entry);
    }
    return entry;
  };
}

export function chunkLoad() {
  return Promise.resolve();
}

export function installModuleLoader(load) {
  globalThis.__webpack_require__ = createModuleRequire(load);
  globalThis.__webpack_chunk_load__ = chunkLoad;
}

// Looks id up in a lookup map ({ "/src/x.tsx": () => import(...) }).
export function loadFromLookup(lookup, id, kind) {
  const loader = lookup[id];
  if (!loader) {
    throw new Error(`No module found for '${id}' in the ${kind} lookup (known: ${Object.keys(lookup).join(", ") || "none"})`);
  }
  return loader();
}
