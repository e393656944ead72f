// Lazy installation of the modern built-ins (modernBuiltins.js). Compiled by
// modernBuiltins.cpp as the body of
//   function (install) { ... }
// in every realm, before any other script. Running the core-js bundle costs
// milliseconds per realm; this costs microseconds: each built-in the bundle
// provides and this V8 lacks becomes an accessor on its holder whose first
// read removes every remaining accessor, runs the bundle (`install`, native:
// compiles it in the caller's realm, from the process-wide code cache) and
// answers the real value. `'withResolvers' in Promise` is true from the start;
// a realm that never touches one never pays for the bundle.
//
// Keep in step with modernBuiltins.js: tst_modern_builtins fails when the
// bundle defines a property that has no accessor here.
'use strict';

const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const asyncIteratorPrototype = Object.getPrototypeOf(
  Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())));
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);

const features = [
  [globalThis, ['Iterator', 'SuppressedError', 'DisposableStack', 'AsyncDisposableStack']],
  [Promise, ['withResolvers', 'try']],
  [Object, ['groupBy']],
  [Map, ['groupBy']],
  [Array, ['fromAsync']],
  [Array.prototype, ['toReversed', 'toSorted', 'toSpliced', 'with']],
  [typedArrayPrototype, ['toReversed', 'toSorted', 'with']],
  [String.prototype, ['isWellFormed', 'toWellFormed']],
  // Not `detached`: React DOM's server reads it for every chunk it writes, so
  // an accessor would run the bundle at every first render; realmSetup.js
  // gives it its cheap getter instead (and core-js then leaves it alone).
  [ArrayBuffer.prototype, ['transfer', 'transferToFixedLength']],
  [Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf',
    'isSupersetOf', 'isDisjointFrom']],
  [iteratorPrototype, ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach',
    'some', 'every', 'find', Symbol.dispose]],
  [asyncIteratorPrototype, [Symbol.asyncDispose]],
  [RegExp, ['escape']],
  [Math, ['f16round', 'sumPrecise']],
  [DataView.prototype, ['getFloat16', 'setFloat16']],
  [Uint8Array, ['fromBase64', 'fromHex']],
  [Uint8Array.prototype, ['setFromBase64', 'setFromHex', 'toBase64', 'toHex']],
];

// Error.isError is read and called by @vitest/expect on every equality check
// (toEqual, toStrictEqual, ...): an accessor would run the whole bundle in
// every test file's realm for it. This is core-js's own (es.error.is-error, a
// sham: the tag Object.prototype.toString reads), which passes core-js's
// checks, so the bundle keeps it when it runs.
if (typeof Error.isError !== 'function') {
  const toString = Object.prototype.toString;
  Object.defineProperty(Error, 'isError', {
    value: function isError(arg) {
      if (arg === null || (typeof arg !== 'object' && typeof arg !== 'function')) return false;
      const tag = toString.call(arg).slice(8, -1);
      return tag === 'Error' || tag === 'DOMException';
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

const stubs = [];
let installed = false;
function installNow() {
  if (installed) return;
  installed = true;
  for (const [holder, key, get] of stubs) {
    const d = Object.getOwnPropertyDescriptor(holder, key);
    if (d && d.get === get) delete holder[key];
  }
  install();
}

const globalNames = [];
for (const [holder, keys] of features) {
  for (const key of keys) {
    if (key === undefined || Object.prototype.hasOwnProperty.call(holder, key)) continue;
    if (key in holder) continue; // inherited from a native holder further up
    const get = function () {
      installNow();
      return Reflect.get(holder, key, this);
    };
    Object.defineProperty(holder, key, {
      get,
      set(value) {
        // An app's own polyfill assigns: it wins, as over any built-in.
        Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: false });
      },
      configurable: true,
      enumerable: false,
    });
    stubs.push([holder, key, get]);
    if (holder === globalThis) globalNames.push(key);
  }
}

// The globals this realm's built-ins own: a new realm made from this one
// (workerBootstrap.js makeRealm) gets its own, not copies of these.
Object.defineProperty(globalThis, Symbol.for('switchyard.builtinGlobals'), {
  value: Object.freeze(globalNames), configurable: true,
});
return installNow;
