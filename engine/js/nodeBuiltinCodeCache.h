#pragma once
// One V8 code cache of Node's own built-in modules for every Node environment of the process,
// kept on disk between processes.
//
// Debian's libnode is built without Node's startup snapshot and its embedded code cache, so
// each Node environment compiles the internal modules of its bootstrap from source, eagerly
// (node::builtins::BuiltinLoader uses kEagerCompile when it has no cache): about 100 ms of the
// ~130 ms an environment takes to create here, on every test isolate, pooled host and tool
// host. Node shares one code cache between a Worker and its parent
// (BuiltinLoader::CopySourceAndCodeCacheReferenceFrom in Environment's constructor, src/env.cc);
// environments an embedder creates each start with an empty one.
//
// This module gives them all the process's cache. libnode calls BuiltinLoader's constructor
// through its PLT, so the definition here (exported by the executable, see CMakeLists.txt)
// runs instead: it constructs the loader with libnode's own constructor, then points the
// loader's cache at a process-wide one with that same Node function. The process-wide one is
// filled from the disk tier of ModuleCodeCache when the first loader is made, and written back
// at exit when this process compiled built-ins the file did not hold (BuiltinLoader's
// CopyCodeCache / RefreshCodeCache). V8 checks each entry against its source and flags and
// rejects a mismatch (that built-in is then compiled again, and the entry is written anew), and
// the disk key names libnode's file (version, size, modification time) and the V8 flags set, so
// another libnode never meets these bytes and a run with SWITCHYARD_V8_FLAGS has its own entry.
//
// Node takes a built-in's data out of the cache while it compiles it and puts new data back
// after; environments made at once (a test run's pooled hosts, serve's tool host and worker)
// would then compile the same built-in from source. BuiltinLoader::LookupAndCompileInternal,
// which libnode also calls through its PLT, is defined here too: compiles of one built-in take
// turns.
//
// Node also makes each built-in's entry right after compiling it, before it runs, so the
// functions it first calls later are compiled lazily, from source, in every environment.
// captureCompiledBuiltins() / makeRunCaches() make those entries again after they ran (the disk
// entry's trailer names them, so that happens once).
//
// Only for the libnode this is built against (Node 18.20, whose CodeCacheInfo is
// { std::string id; std::vector<uint8_t> data; }); when libnode lacks one of the functions
// used, loaders keep their own empty cache, as without this module. SWITCHYARD_CODE_CACHE=0
// turns sharing off along with the module code cache's disk tier.
#include <cstddef>
#include <cstdint>
#include <string>

namespace sy::nodeBuiltinCodeCache {

struct Stats {
    bool active = false;      ///< loaders share the process's cache
    size_t loadedEntries = 0; ///< built-ins the disk entry held when the first loader was made
    size_t entries = 0;       ///< built-ins the process's cache holds now
    uint64_t bytes = 0;       ///< their code cache bytes
    bool persisted = false;   ///< persist() wrote the disk entry
};

/// Starts making the process's loader, the disk entry read into it, on a thread of its own
/// (~25 ms here: Node's sources, the built-ins Debian ships as files, the entry), so that the
/// first Node environment finds it made instead of making it on its way. Call from the main
/// thread, once the disk tier is on (ModuleCodeCache::enableDisk), before any other thread
/// changes the process's environment variables; later calls do nothing. A loader made
/// meanwhile waits for it. Call finishAhead() before the process's statics go.
void prepareAhead();
/// Waits for prepareAhead()'s thread (nothing when none runs). main() calls it on its way out:
/// statics the thread uses (ModuleCodeCache, libstdc++'s and libnode's) must outlive it.
void finishAhead();

/// What the process's cache holds (takes its lock).
Stats stats();

/// Writes the process's cache to the disk tier when it holds built-ins the loaded entry did not,
/// or other data for one (V8 rejected the loaded data and Node made new; a stale entry would
/// otherwise be rejected again by every process) (the disk tier must be on:
/// ModuleCodeCache::enableDisk). Thread-safe; environments may still
/// run. JsPlatform calls it at exit. Returns true when it wrote.
bool persist();

/// From now on (`on`), on the calling thread, remembers the built-ins compiled whose entry was
/// not made after a run yet (Node makes each entry right after the compile, before the module
/// runs, so the functions it first calls later are compiled lazily, from source, in every
/// environment: ~190 of undici's in each test host). Call on an isolate's thread once its
/// environment is bootstrapped. Turning it off forgets what was remembered (call it so before
/// the isolate goes).
void captureCompiledBuiltins(bool on);
/// On an isolate's thread, with the isolate entered: makes the entry of each remembered
/// built-in again, from its compiled function, with what ran since (a test realm's work is
/// over); persist() writes them, and the disk entry names them so no later process makes them
/// again. Returns how many it made.
size_t makeRunCaches();

/// The disk tier's key of the process's entry (empty before the first loader is made); for
/// tests that damage the entry on disk.
std::string diskKey();

} // namespace sy::nodeBuiltinCodeCache
