// The __webpack_require__ / __webpack_chunk_load__ pair that
// react-server-dom-webpack calls to load client (and server) references.
//
// Every reference the runtime emits is "async" with no chunks, so React calls
// __webpack_require__(id) and expects a thenable it can track. It must get the
// SAME thenable for the same id on every call (React stores status/value on
// it), hence the memo.

// A settled thenable as React reads it (status/value set).
function fulfilled(value) {
  const entry = Promise.resolve(value);
  entry.status = "fulfilled";
  entry.value = value;
  return entry;
}

// load(id) -> Promise<module namespace>. The returned function also has
// replace(id, namespace): after React Fast Refresh updated module `id` in place,
// references met from then on (an RSC re-render) resolve to the new instance,
// the one the refreshed fibers render; false when `id` was never required.
export function createModuleRequire(load) {
  const cache = new Map();
  moduleRequire.replace = (id, namespace) => {
    if (!cache.has(id)) return false;
    cache.set(id, fulfilled(namespace));
    return true;
  };
  return moduleRequire;
  function moduleRequire(id) {
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
  }
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
