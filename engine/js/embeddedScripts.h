#pragma once
// JS sources compiled into sy_js at build time (see CMakeLists.txt, embedJs.mjs).
// Internal to engine/js.
#include <string_view>

namespace sy::embedded {
/// sucrase's transform bundled by esbuild as one IIFE; defines globalThis.__syTransform.
extern const std::string_view kSucraseBundle;
/// workerBootstrap.js: the worker realm's setup function body (see workerIsolate.cpp).
extern const std::string_view kWorkerBootstrap;
} // namespace sy::embedded
