#pragma once
// An embedded Node environment for npm tools (PostCSS, Tailwind, lightningcss,
// ...): the role Vite's own Node process plays for its plugins.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace sy {

/// How a ToolHost is set up.
struct ToolHostOptions {
    /// Folder whose node_modules the tools' own `require()` reads first
    /// (tools/js). A tool's module file lives there (virtually), so
    /// `require("postcss")` inside it resolves as from tools/js/x.cjs.
    std::string toolsJsDir;
    /// CPU time (ms, of the host thread) one JS turn may use before the
    /// environment is stopped and recreated (see CpuWatchdog): a spinning
    /// tool never holds the host for good. The calls in flight fail.
    uint32_t cpuLimitMs = 30000;
    /// Live memory (V8 heap + ArrayBuffers, MB) before the environment is
    /// stopped the same way (see HeapLimit). 0: no limit.
    uint32_t memoryLimitMb = 2048;
};

/// What a call gave back. Errors are values: a throw in the tool, a timeout,
/// a killed or unstartable environment all give ok=false.
struct ToolCallResult {
    bool ok = false;
    /// ok: the JSON of the tool's (awaited) return value ("null" for undefined).
    /// !ok and the tool threw: {"message","stack","name","code",...own
    /// enumerable fields of the error (e.g. PostCSS's line/column/file/plugin)}.
    std::string json;
    std::string error; ///< !ok: one-line description (the error's message)
    bool timedOut = false;
    double durationMs = 0; ///< wall time of call(), queueing included
};

/// One embedded Node 18 environment (node::CommonEnvironmentSetup over the
/// process's JsPlatform) on a thread of its own, running its libuv loop, that
/// loads *tools*: CommonJS sources compiled as if they were files in
/// `toolsJsDir` (Module._compile, so `require()`, `require.resolve()`,
/// `import()` of ESM packages and N-API addons such as lightningcss and
/// @tailwindcss/oxide all work; `module.createRequire(appRoot)` reaches an
/// app's own packages). A tool's `module.exports` is an object of functions
/// `(args) => value | Promise<value>`; call() runs one with JSON in and out.
///
/// Lifetime: the environment is created lazily by the first call() (its
/// start-up is startupMs()), and recreated on the next call after it ended:
/// the CPU or memory limit stopped it, a tool called process.exit(), or a
/// fatal error ended its loop. Every registered tool is loaded again into the
/// new environment (module state is lost, as after a Vite restart). Uncaught
/// exceptions and unhandled rejections inside tools are logged, never fatal.
/// process.env is the process's environment (tools should not write to it).
///
/// Thread-safe: call() may be used from any thread; calls interleave on the
/// host's event loop (a tool that awaits lets the next call run).
class ToolHost {
public:
    explicit ToolHost(ToolHostOptions options);
    /// Stops the environment and joins the thread. Calls in flight fail.
    ~ToolHost();
    ToolHost(const ToolHost &) = delete;
    ToolHost &operator=(const ToolHost &) = delete;

    /// The process's shared host over `toolsJsDir` (created on first use,
    /// shut down at exit, never deleted). One per process, as one Vite server
    /// runs its plugins in one Node process.
    static ToolHost &shared(const std::string &toolsJsDir);

    /// Stops the environment and joins the thread (what the destructor
    /// does); later calls fail with "the tool host stopped". Idempotent. The
    /// shared host is shut down this way by an exit handler.
    void shutdown();

    /// Registers (or replaces) tool `name` from CommonJS `source`. Loaded into
    /// the environment before the next call that needs it; a source that
    /// throws while loading makes every call of that tool fail with its error.
    void registerTool(const std::string &name, const std::string &source);
    /// Whether a tool of that name is registered.
    bool hasTool(const std::string &name) const;

    /// Runs `tool.function(JSON.parse(argsJson))` in the environment and waits
    /// for its (awaited) result, at most `timeout`. A timed-out call returns
    /// timedOut=true; its late result is dropped.
    ToolCallResult call(const std::string &tool, const std::string &function,
                        const std::string &argsJson,
                        std::chrono::milliseconds timeout = std::chrono::seconds(60));

    /// Stops the current environment now (calls in flight fail); the next
    /// call starts a fresh one. For a changed tool dependency and for tests.
    void restart();

    /// Milliseconds the last environment creation took (isolate + Node
    /// environment + bootstrap + loading the registered tools); 0 before.
    double startupMs() const;
    /// How many environments were created so far (1 after the first call).
    int generation() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sy
