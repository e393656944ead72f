// The built-ins workerd (V8 13+) has and Debian's libnode 18 (V8 10.2) lacks,
// from core-js. Bundled at build time (esbuild, IIFE, engine/js/CMakeLists.txt)
// and run by engine/js/modernBuiltins.cpp in every realm before any other
// script: the worker's main context, every extra realm (test pool
// "contexts"), hence the ssr bridge too. Each core-js module below detects the
// feature and installs it only when missing, so on a newer V8 this is a no-op.
//
// Only modules listed here are bundled (core-js/modules/*, not the
// core-js/actual entries, which pull in replacements of built-ins V8 10.2
// already has, such as the Promise constructor). Not here, because core-js
// cannot polyfill them or they would replace hot built-ins: Float16Array,
// resizable ArrayBuffer (resize/maxByteLength), JSON.parse with source /
// JSON.rawJSON (would replace JSON.parse and JSON.stringify), Symbol.metadata.

// ES2023: change array by copy.
import 'core-js/modules/es.array.to-reversed.js';
import 'core-js/modules/es.array.to-sorted.js';
import 'core-js/modules/es.array.to-spliced.js';
import 'core-js/modules/es.array.with.js';
import 'core-js/modules/es.typed-array.to-reversed.js';
import 'core-js/modules/es.typed-array.to-sorted.js';
import 'core-js/modules/es.typed-array.with.js';

// ES2024.
import 'core-js/modules/es.promise.with-resolvers.js';
import 'core-js/modules/es.object.group-by.js';
import 'core-js/modules/es.map.group-by.js';
import 'core-js/modules/es.string.is-well-formed.js';
import 'core-js/modules/es.string.to-well-formed.js';
import 'core-js/modules/es.array-buffer.detached.js';
import 'core-js/modules/es.array-buffer.transfer.js';
import 'core-js/modules/es.array-buffer.transfer-to-fixed-length.js';

// ES2025.
import 'core-js/modules/es.promise.try.js';
import 'core-js/modules/es.set.union.v2.js';
import 'core-js/modules/es.set.intersection.v2.js';
import 'core-js/modules/es.set.difference.v2.js';
import 'core-js/modules/es.set.symmetric-difference.v2.js';
import 'core-js/modules/es.set.is-subset-of.v2.js';
import 'core-js/modules/es.set.is-superset-of.v2.js';
import 'core-js/modules/es.set.is-disjoint-from.v2.js';
import 'core-js/modules/es.iterator.constructor.js';
import 'core-js/modules/es.iterator.from.js';
import 'core-js/modules/es.iterator.drop.js';
import 'core-js/modules/es.iterator.take.js';
import 'core-js/modules/es.iterator.filter.js';
import 'core-js/modules/es.iterator.map.js';
import 'core-js/modules/es.iterator.flat-map.js';
import 'core-js/modules/es.iterator.reduce.js';
import 'core-js/modules/es.iterator.to-array.js';
import 'core-js/modules/es.iterator.for-each.js';
import 'core-js/modules/es.iterator.some.js';
import 'core-js/modules/es.iterator.every.js';
import 'core-js/modules/es.iterator.find.js';
import 'core-js/modules/es.regexp.escape.js';
import 'core-js/modules/es.math.f16round.js';
import 'core-js/modules/es.data-view.get-float16.js';
import 'core-js/modules/es.data-view.set-float16.js';

// ES2026 and what workerd ships of it.
import 'core-js/modules/es.array.from-async.js';
import 'core-js/modules/es.error.is-error.js';
import 'core-js/modules/es.math.sum-precise.js';
import 'core-js/modules/es.iterator.concat.js';
import 'core-js/modules/es.uint8-array.from-base64.js';
import 'core-js/modules/es.uint8-array.from-hex.js';
import 'core-js/modules/es.uint8-array.set-from-base64.js';
import 'core-js/modules/es.uint8-array.set-from-hex.js';
import 'core-js/modules/es.uint8-array.to-base64.js';
import 'core-js/modules/es.uint8-array.to-hex.js';

// Explicit resource management (`using` / `await using` lower to code that
// calls these; Symbol.dispose/asyncDispose exist in Node 18 already).
import 'core-js/modules/es.symbol.dispose.js';
import 'core-js/modules/es.symbol.async-dispose.js';
import 'core-js/modules/es.suppressed-error.constructor.js';
import 'core-js/modules/es.disposable-stack.constructor.js';
import 'core-js/modules/es.async-disposable-stack.constructor.js';
import 'core-js/modules/es.iterator.dispose.js';
import 'core-js/modules/es.async-iterator.async-dispose.js';
