#pragma once
// TS/TSX/JSX -> JS with sucrase running inside a plain V8 isolate.
#include "js/contentMemo.h"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sy {

/// What to transform and how. `typescript`/`jsx` default from the file extension
/// (see forFile): .ts -> TS, .tsx -> TS+JSX, .jsx/.js -> JSX, .mts/.cts -> TS.
struct TransformOptions {
    std::string filename;    ///< id/path, used in source maps and jsxDEV __source
    bool typescript = false; ///< strip TypeScript syntax (types, enums compiled)
    bool jsx = false;        ///< JSX with the automatic runtime
    bool jsxDev = true;      ///< true: react/jsx-dev-runtime (jsxDEV), false: jsx-runtime
    std::string jsxImportSource = "react";
    bool sourceMap = true; ///< produce a v3 source map (with sourcesContent)

    /// Options for `filename` with typescript/jsx chosen from its extension.
    static TransformOptions forFile(std::string filename);
};

/// Result of one transform. On failure ok=false, `error` holds sucrase's message
/// and line/column (1-based) point at the problem when known (0 otherwise).
struct TransformOutput {
    bool ok = false;
    std::string code;
    std::string sourceMapJson;
    std::string error;
    int line = 0;
    int column = 0;
    double durationMs = 0; ///< wall time of the transform call (lock wait excluded)
};

/// Result of TransformService::reactRefresh. `refreshed` is false when the module defines
/// nothing React Fast Refresh registers (no component-like function, no hook call): `code` is
/// then empty and the caller keeps its input. On failure ok=false with Babel's message and
/// line/column (1-based, 0 when unknown).
struct RefreshTransformOutput {
    bool ok = false;
    bool refreshed = false;
    std::string code;
    std::string error;
    int line = 0;
    int column = 0;
    double durationMs = 0; ///< wall time of the call (lock wait and isolate creation excluded)
};

/// Result of TransformService::hoistMocks. `changed` is false when the module calls none of
/// vi.mock/unmock/doMock/doUnmock/hoisted (or does not parse: its evaluation reports that);
/// `code` is then empty. On failure ok=false with Vitest's message (e.g. "Cannot call vi.mock()
/// inside vi.hoisted(): ...") and where the offending call is (1-based, 0 when unknown).
/// `warnings` are Vitest's (a hoisted call not at the top level).
struct MockHoistOutput {
    bool ok = false;
    bool changed = false;
    std::string code;
    std::vector<std::string> warnings;
    std::string error;
    int line = 0;
    int column = 0;
    double durationMs = 0;
};

/// Models the transform step of Vite's plugin pipeline (vite:esbuild), but in
/// process: sucrase's transform (bundled at build time) runs in a dedicated V8
/// isolate, ~0.3 ms per small TSX file instead of ~21 ms per esbuild spawn.
/// Output keeps ESM (no CJS conversion), TypeScript types are stripped and JSX
/// uses the automatic runtime (imports `<jsxImportSource>/jsx-dev-runtime` in dev).
///
/// Thread-safe: calls from any thread are serialised on the service's isolate
/// (v8::Locker). The first transform() (or startupMs()) creates the isolate (a
/// few ms plus evaluating the ~200 KB bundle) and throws std::runtime_error if
/// that fails; construction itself is free. Invalid input never throws: it
/// yields ok=false.
class TransformService {
public:
    TransformService();
    ~TransformService();
    TransformService(const TransformService &) = delete;
    TransformService &operator=(const TransformService &) = delete;

    /// Same (source, options) as an earlier call: that call's result, from
    /// memory (durationMs then counts the lookup only).
    TransformOutput transform(std::string_view source, const TransformOptions &options);

    /// React Fast Refresh's registration transform (what @vitejs/plugin-react runs through
    /// Babel): react-refresh/babel over the ESM JavaScript of a client module after sucrase
    /// (`filename` for messages). Adds `$RefreshReg$(type, "Name")` for every component-like
    /// top-level function and `$RefreshSig$()` hook signatures, keeping every line where it
    /// was (Babel's retainLines). The caller defines `$RefreshReg$`/`$RefreshSig$` (see
    /// env/reactRefresh.h). Runs in a second isolate of its own, created on first use (Babel's
    /// parser, traverse and generator: ~700 KB of script, reactRefreshStartupMs()), so sucrase
    /// transforms neither wait for it nor pay its start-up. Thread-safe; never throws for bad
    /// input (ok=false).
    RefreshTransformOutput reactRefresh(std::string_view source, const std::string &filename);

    /// Vitest's mock hoisting (the `vitest:mocks` plugin: @vitest/mocker's hoistMocks over an
    /// acorn AST) over the ESM JavaScript of a module after sucrase (`filename` for messages):
    /// vi.mock/vi.unmock calls and vi.hoisted declarations move to the top, static imports
    /// become `await import()`s after them. Every line after the hoisted statements keeps
    /// its number (testHarness/viMockHoist.js). Runs in an isolate of its own, created on
    /// first use. Thread-safe; never throws for bad input (ok=false).
    MockHoistOutput hoistMocks(std::string_view source, const std::string &filename);

    /// Creates the refresh isolate if needed; milliseconds its creation took.
    double reactRefreshStartupMs();

    /// Starts creating the refresh isolate on a thread of its own (once), so a dev server's
    /// start-up overlaps it with the worker isolate and the optimizer instead of waiting for
    /// it in the first client module's transform; reactRefresh() waits for it if still
    /// running. An error is reported by the next reactRefresh()/reactRefreshStartupMs().
    void warmUpReactRefresh();

    /// Milliseconds the constructor took (isolate + bundle evaluation; the
    /// process-wide JsPlatform initialisation is excluded, see JsPlatform::initMs).
    double startupMs() const;

    /// A process-wide instance, created on first use.
    static TransformService &shared();

private:
    struct Impl;
    Impl &impl();
    Impl &refreshImpl();
    std::once_flag implOnce_;
    std::unique_ptr<Impl> impl_;
    Impl &hoistImpl();
    std::once_flag hoistOnce_;
    std::unique_ptr<Impl> hoistImpl_;
    std::once_flag refreshOnce_;
    std::unique_ptr<Impl> refreshImpl_;
    std::once_flag warmUpOnce_;
    std::thread warmUp_;
    /// Results by (options, source): a file transformed again (the graph
    /// reset after the start-up scan, a full optimizer run, another
    /// environment) skips the isolate. 64 MiB and 32 MiB of code and maps.
    ContentMemo<TransformOutput> transformMemo_{64u << 20};
    ContentMemo<RefreshTransformOutput> refreshMemo_{32u << 20};
};

} // namespace sy
