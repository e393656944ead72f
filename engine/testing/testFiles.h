#pragma once
// Finding an app's test files: Vitest's include/exclude globs over the app
// tree, the command line's filters, and `--shard i/n`.
#include <cstdint>
#include <string>
#include <vector>

namespace sy {

/// The test settings an app declares in package.json under "switchyard.test"
/// (Vitest's option names):
///   "switchyard": { "test": { "include": ["tests/**/*.check.ts"], "exclude": [...],
///                             "testTimeout": 5000, "hookTimeout": 10000,
///                             "storageIsolation": "per-file" | "per-test",
///                             "pool": "isolates" | "contexts" } }
struct TestConfig {
    /// Vitest's default include, restricted to what the worker environment runs.
    std::vector<std::string> include = {"**/*.{test,spec}.{ts,tsx,js,jsx,mts,mjs}"};
    std::vector<std::string> exclude = {"**/node_modules/**", "**/.switchyard/**", "**/dist/**",
                                        "**/.git/**"};
    double testTimeoutMs = 5000;
    double hookTimeoutMs = 10000;
    /// per-file: a file's writes persist across its tests; per-test: each test
    /// runs inside a storage savepoint that is rolled back after it.
    std::string storageIsolation = "per-file";
    /// isolates: each file in a fresh worker isolate (a new Node environment:
    /// nothing shared between files). contexts: each file in a fresh realm (a
    /// V8 context with its own modules, globals, env and timers) inside one
    /// pooled isolate per worker: much faster, but Web API classes (Request,
    /// Response, streams) are shared, so their `instanceof` against the
    /// file's own built-ins can differ (Vitest's vmThreads trade-off).
    std::string pool = "isolates";
    /// Live memory (V8 heap + ArrayBuffers, MB) of each file's isolate: a file
    /// that holds more fails with "Worker exceeded its memory limit (N MB)" and
    /// the run goes on (WorkerOptions::memoryLimitMb; Workers allow 128 MB).
    uint32_t memoryLimitMb = 128;
    /// Vitest's test.setupFiles (absolute paths): imported before each test
    /// file, in its isolate, so their hooks apply to its tests.
    std::vector<std::string> setupFiles;
    /// Vitest's test.globalSetup (absolute paths; run once in the tool host).
    std::vector<std::string> globalSetup;
    /// The tool host's handle of the run's globalSetup (0 = none ran):
    /// teardownVitestGlobalSetup(…, id) after the run.
    int globalSetupId = 0;
    /// What globalSetup's project.provide() and test.provide gave (a JSON
    /// object): `inject(key)` from "vitest" in the test files.
    std::string providedJson = "{}";
    /// The Workers pool's singleWorker (0.5-0.9): files run one at a time.
    bool singleWorker = false;
    /// The vitest/vite config the settings came from ("" = package.json / defaults).
    std::string configFile;
    /// The app's config named its own include globs: every file they match
    /// runs, Node-side ones too (nodeSideTests.h); with the default include,
    /// Node-side test files are left out and reported.
    bool includeGiven = false;
};

/// Reads "switchyard.test" from `<root>/package.json` into `out` (defaults for
/// what is absent). False with `error` naming the file and key on a malformed
/// package.json or a value of the wrong type.
bool loadTestConfig(const std::string &root, TestConfig &out, std::string &error);

/// A glob as Vitest/picomatch reads it, as an anchored ECMAScript-style regex
/// over '/'-separated relative paths: `**` any depth (also none), `*` and `?`
/// within one segment, `{a,b}` alternatives, `[...]` classes.
std::string globToRegex(const std::string &glob);

/// `--shard i/n` (1-based i). False with `error` on a malformed value.
struct TestShard {
    int index = 1;
    int count = 1;
};
bool parseTestShard(const std::string &text, TestShard &out, std::string &error);

/// The test files under `root` (absolute paths, sorted by relative path) that
/// match an include and no exclude glob and, when `filters` is not empty,
/// contain one of them in their relative path (Vitest's CLI filters); then
/// the shard's part of that list (contiguous, sizes differ by at most one).
std::vector<std::string> findTestFiles(const std::string &root, const TestConfig &config,
                                       const std::vector<std::string> &filters,
                                       const TestShard &shard = {});

} // namespace sy
