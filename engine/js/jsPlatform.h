#pragma once
// Process-wide V8 / Node initialisation shared by every isolate in the process.
#include <cstdint>
#include <memory>
#include <string>

namespace node {
class MultiIsolatePlatform;
class CommonEnvironmentSetup;
} // namespace node

namespace sy {

/// The one V8 platform of the process (a process may hold only one): Node's
/// per-process state (node::InitializeOncePerProcess) plus one
/// node::MultiIsolatePlatform used by every isolate we create (transform
/// service and worker isolates alike), like workerd's single V8 system.
///
/// All functions are thread-safe. Initialisation happens once, on first use;
/// teardown runs at process exit (std::atexit) and is skipped while isolates
/// are still alive (leaking is safer than disposing V8 under a live isolate).
class JsPlatform {
public:
    /// Initialises Node + V8 if not done yet. Throws std::runtime_error when
    /// Node's per-process initialisation reports errors.
    static void ensureInitialized();

    /// The shared platform (initialises on first call). Never null.
    static node::MultiIsolatePlatform *platform();

    /// Bookkeeping for teardown: call when an isolate is created / disposed.
    static void isolateCreated();
    static void isolateDisposed();

    /// Loads NODE_EXTRA_CA_CERTS into Node's root certificate store, once, as Node 18 does in
    /// its per-process initialisation (which this defers: ~45 ms of every start for a
    /// 144-certificate bundle). Call on a Node environment's thread before the environment is
    /// created, so no TLS context exists yet; callers racing the first one wait for it.
    static void loadExtraCaCerts();

    /// A Node environment on the shared platform (node::CommonEnvironmentSetup with
    /// `argv0` and the node::EnvironmentFlags bits `flags`), NODE_EXTRA_CA_CERTS loaded
    /// first, on the calling thread. Counted as a live isolate (isolateCreated) from before
    /// its creation, so the teardown at exit never runs under one being made; the caller
    /// calls isolateDisposed() once it destroyed it. Null, `error` saying why and nothing
    /// counted, when Node refuses.
    static std::unique_ptr<node::CommonEnvironmentSetup>
    createEnvironment(const char *argv0, uint64_t flags, std::string &error);

    /// Milliseconds spent in the one-time initialisation (0 before it ran).
    static double initMs();

    /// V8 flags set before V8 initialises, for every isolate of the process:
    /// `--heap-growing-percent=50`, an old generation allowed to grow to 1.5x
    /// what the last full GC left live (V8's own choice is up to 4x). A dev
    /// server's worker renders big pages in long turns whose objects survive
    /// the young generation and die soon after in the old one: with V8's
    /// default the worker's heap reached ~147 MB committed for ~40 MB live on
    /// a page of 500 components under 8 clients (peak RSS 293-306 MiB; 231-244
    /// with this flag, CPU per request the same within the noise). GC timing
    /// only: nothing a program can observe changes. The environment variable
    /// SWITCHYARD_V8_FLAGS (e.g. `--perf-basic-prof`, `--trace-gc`) is applied
    /// after these and can override them.
    static const char *const kDefaultV8Flags;
};

} // namespace sy
