#pragma once
// Process-wide V8 / Node initialisation shared by every isolate in the process.
#include <cstdint>

namespace node {
class MultiIsolatePlatform;
}

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

    /// Milliseconds spent in the one-time initialisation (0 before it ran).
    static double initMs();
};

} // namespace sy
