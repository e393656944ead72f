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

/// How install() provides them.
enum class Mode {
    /// Accessors only (modernBuiltinsLazy.js, microseconds): the first read of
    /// any of them runs the bundle in that realm and answers the real value.
    Lazy,
    /// The bundle at once (milliseconds).
    Eager,
};

/// Provides the built-ins in `context` (which must be entered): each is
/// installed only where missing, so a newer V8 changes nothing. Every realm
/// gets it before any other script runs (the worker's main context, each
/// extra realm of WorkerIsolate::createRealm); the global classes it adds
/// are listed in `globalThis[Symbol.for('switchyard.builtinGlobals')]` so
/// that a realm made from this one gets its own.
///
/// With `useCodeCache` the bundle's bytecode is shared process-wide through
/// ModuleCodeCache (key "switchyard:modern-builtins"): the first run produces
/// it after running the script (so the functions that ran are included), later
/// runs in any isolate consume it instead of parsing ~70 KB again.
/// Returns false with the exception pending in the caller's TryCatch.
bool install(v8::Local<v8::Context> context, Mode mode = Mode::Lazy, bool useCodeCache = true);

/// The bundled script (for tests and the bench).
std::string_view source();

} // namespace sy::modernBuiltins
