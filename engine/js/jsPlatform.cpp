#include "js/jsPlatform.h"

#include "core/startupTrace.h"
#include "js/nodeBuiltinCodeCache.h"

#include <node.h>
#include <v8.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

// Exported by libnode but declared in no installed header (src/crypto/crypto_context.h): builds
// the root certificate store with the file's certificates added, when no store exists yet.
namespace node::crypto {
void UseExtraCaCerts(const std::string &file);
}

namespace sy {

const char *const JsPlatform::kDefaultV8Flags = "--heap-growing-percent=50";

namespace {

std::once_flag g_once;
std::unique_ptr<node::MultiIsolatePlatform> g_platform;
std::atomic<int> g_liveIsolates{0};
std::atomic<double> g_initMs{0};
std::string g_initError;
std::string g_extraCaCerts; ///< NODE_EXTRA_CA_CERTS, loaded by loadExtraCaCerts()
std::once_flag g_extraCaCertsOnce;

void tearDown()
{
    nodeBuiltinCodeCache::persist(); // built-ins this process compiled first, for the next one
    if (!g_platform || g_liveIsolates.load() > 0)
        return;
    v8::V8::Dispose();
    v8::V8::DisposePlatform();
    g_platform.reset();
    node::TearDownOncePerProcess();
}

void initialize()
{
    const auto t0 = std::chrono::steady_clock::now();
    using F = node::ProcessInitializationFlags::Flags;
    // Node 18 reads NODE_EXTRA_CA_CERTS here, eagerly: it parses its own root certificates and
    // the file's into the root store (~45 ms for a 144-certificate bundle) before anything
    // could need TLS. Hidden from it, the file is loaded by loadExtraCaCerts() when the first
    // Node environment starts, on that environment's thread; the variable is restored at once
    // for the processes Switchyard starts.
    if (const char *extra = std::getenv("NODE_EXTRA_CA_CERTS"); extra && *extra) {
        g_extraCaCerts = extra;
        ::unsetenv("NODE_EXTRA_CA_CERTS");
    }
    // The host (Qt app, dev server) owns stdio, signals and the command line.
    auto result = node::InitializeOncePerProcess(
        {"switchyard"},
        {F::kNoInitializeV8, F::kNoInitializeNodeV8Platform, F::kNoStdioInitialization,
         F::kNoDefaultSignalHandling, F::kDisableNodeOptionsEnv, F::kDisableCLIOptions,
         F::kNoPrintHelpOrVersionOutput, F::kNoUseLargePages, F::kNoAdjustResourceLimits});
    if (!g_extraCaCerts.empty())
        ::setenv("NODE_EXTRA_CA_CERTS", g_extraCaCerts.c_str(), 1);
    if (result->early_return() || result->exit_code() != 0) {
        g_initError = "node::InitializeOncePerProcess failed:";
        for (const auto &e : result->errors())
            g_initError += " " + e;
        return;
    }
    v8::V8::SetFlagsFromString(JsPlatform::kDefaultV8Flags);
    // V8 flags for profiling and diagnosis (`--perf-basic-prof`, `--prof`,
    // `--trace-gc`): node's CLI options are off, so this is the one way in.
    // Set after the defaults, so they can be overridden too.
    if (const char *flags = std::getenv("SWITCHYARD_V8_FLAGS"); flags && *flags)
        v8::V8::SetFlagsFromString(flags);
    g_platform = node::MultiIsolatePlatform::Create(4);
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
    std::atexit(tearDown);
    g_initMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    startupTrace::mark("node and V8 initialised", g_initMs);
}

} // namespace

void JsPlatform::ensureInitialized()
{
    std::call_once(g_once, initialize);
    if (!g_platform)
        throw std::runtime_error(g_initError);
}

node::MultiIsolatePlatform *JsPlatform::platform()
{
    ensureInitialized();
    return g_platform.get();
}

void JsPlatform::isolateCreated()
{
    ++g_liveIsolates;
}
void JsPlatform::isolateDisposed()
{
    --g_liveIsolates;
}

void JsPlatform::loadExtraCaCerts()
{
    ensureInitialized();
    std::call_once(g_extraCaCertsOnce, [] {
        if (!g_extraCaCerts.empty())
            node::crypto::UseExtraCaCerts(g_extraCaCerts);
    });
}

double JsPlatform::initMs()
{
    return g_initMs.load();
}

std::unique_ptr<node::CommonEnvironmentSetup>
JsPlatform::createEnvironment(const char *argv0, uint64_t flags, std::string &error)
{
    auto *shared = platform();
    loadExtraCaCerts(); // before any TLS context can exist
    isolateCreated();
    std::vector<std::string> errors;
    std::unique_ptr<node::CommonEnvironmentSetup> setup = node::CommonEnvironmentSetup::Create(
        shared, &errors, std::vector<std::string>{argv0}, std::vector<std::string>{},
        static_cast<node::EnvironmentFlags::Flags>(flags));
    if (!setup) {
        for (const auto &e : errors)
            error += e + "; ";
        if (error.empty())
            error = "node::CommonEnvironmentSetup::Create failed";
        isolateDisposed();
    }
    return setup;
}

} // namespace sy
