#pragma once
// The built-ins workerd (V8 13+) has and libnode 18's V8 10.2 lacks
// (Promise.withResolvers, Promise.try, change-array-by-copy, Object.groupBy,
// Set methods, Iterator helpers, Array.fromAsync, DisposableStack, Uint8Array
// base64/hex, ...), from core-js: engine/js/modernBuiltins.js lists the
// modules, esbuild bundles them at build time into one IIFE script.
// Internal header of engine/js (includes <v8.h>).
#include <string_view>
#include <v8.h>

namespace sy::modernBuiltins {

/// Runs the bundle in `context` (which must be entered): each feature is
/// installed only where missing, so a second call or a newer V8 changes
/// nothing. Every realm gets it before any other script runs (the worker's
/// main context, each extra realm of WorkerIsolate::createRealm).
///
/// With `useCodeCache` the compiled bytecode is shared process-wide through
/// ModuleCodeCache (key "switchyard:modern-builtins"): the first call produces
/// it after running the script (so the functions that ran are included), later
/// calls in any isolate consume it instead of parsing ~70 KB again.
/// Returns false with the exception pending in the caller's TryCatch.
bool install(v8::Local<v8::Context> context, bool useCodeCache = true);

/// The bundled script (for tests and the bench).
std::string_view source();

} // namespace sy::modernBuiltins
