#pragma once
// JS sources compiled into sy_js at build time (see CMakeLists.txt, embedJs.mjs).
// Internal to engine/js.
#include <string_view>

namespace sy::embedded {
/// sucrase's transform bundled by esbuild as one IIFE; defines globalThis.__syTransform.
extern const std::string_view kSucraseBundle;
/// reactRefreshEntry.js with @babel/parser, @babel/traverse, @babel/generator and
/// react-refresh/babel, bundled by esbuild as one IIFE; defines globalThis.__syReactRefresh.
extern const std::string_view kReactRefreshBabelBundle;
/// testHarness/viMockHoist.js with @vitest/mocker's hoistMocks, acorn and magic-string,
/// bundled by esbuild as one IIFE; defines globalThis.__syHoistMocks.
extern const std::string_view kMockHoistBundle;
/// workerBootstrap.js: the worker realm's setup function body (see workerIsolate.cpp).
extern const std::string_view kWorkerBootstrap;
/// realmSetup.js: one realm's globals, env and entry points (see workerIsolate.cpp).
extern const std::string_view kRealmSetup;
/// engine/js/webSocketPair.js: workerd's WebSocketPair and 101 Responses
/// (body of function () returning { WebSocketPair, withWebSocketResponses }).
extern const std::string_view kWebSocketPair;
/// workerd's node:fs over memfs (js/virtualFs.js bundled): the body of
/// function (require, module, exports), run on the first import of node:fs.
extern const std::string_view kVirtualFsBundle;
/// toolHostBootstrap.js: the tool host's setup function body (see toolHost.cpp).
extern const std::string_view kToolHostBootstrap;
/// engine/js/testHarness bundled by esbuild as one ES module: the `vitest`
/// module of test isolates (id virtual:switchyard:vitest). Exports Vitest's
/// test API and `__switchyard.run` (contract: docs/testHarness.md).
extern const std::string_view kVitestHarness;
/// modernBuiltins.js with its core-js modules bundled by esbuild as one IIFE
/// script: the built-ins V8 10.2 lacks (see modernBuiltins.h).
extern const std::string_view kModernBuiltins;
/// modernBuiltinsLazy.js: `function (install) { ... }` body that puts an
/// accessor in place of each missing built-in (see modernBuiltins.h).
extern const std::string_view kModernBuiltinsLazy;
/// bindings/kvNamespace.js: `function (call) { ... return KVNamespace; }` body.
extern const std::string_view kKvNamespaceJs;
/// bindings/d1Database.js: `function (call) { ... return D1Database; }` body.
extern const std::string_view kD1DatabaseJs;
/// bindings/assetsFetcher.js: `function (call) { ... return Fetcher; }` body (env.ASSETS).
extern const std::string_view kAssetsFetcherJs;
} // namespace sy::embedded
