#pragma once
// Test files that are not worker tests: they drive a browser or a dev server
// from Node (rwsdk's e2e helpers `rwsdk/e2e`, puppeteer, playwright), as
// rwsdk's own repository and apps scaffolded from it have. Vitest runs them in
// Node; `switchyard test` runs test files inside the worker, where they cannot
// work, so they are left out unless the app's test config names its include
// globs itself, and each one is reported with the import that marks it.
#include <optional>
#include <string>
#include <vector>

namespace sy {

/// One test file left out of a run, and why ("imports \"rwsdk/e2e\", which
/// drives a browser or a dev server from Node: not a worker test").
struct SkippedTestFile {
    std::string file; ///< absolute path
    std::string reason;
};

/// The Node-side package a test file imports (static or literal dynamic
/// import, `import type` excepted): "rwsdk/e2e", "puppeteer", "puppeteer-core",
/// "playwright", "playwright-core", "@playwright/test" or a subpath of one;
/// nullopt when none (or the file cannot be read).
std::optional<std::string> nodeSideDriverImport(const std::string &file);

/// Splits `files` into the ones to run and the Node-side ones (kept in order).
std::vector<SkippedTestFile> takeNodeSideTestFiles(std::vector<std::string> &files);

} // namespace sy
