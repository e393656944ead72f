#pragma once
// Vitest's config as `switchyard test` reads it: vitest.config.* (else
// vite.config.*) evaluated the way Vitest loads it, in the tool host's
// viteConfig tool (viteConfigTool.js) with "vitest/config" and the Workers
// Vitest pool's helpers (defineWorkersConfig / defineWorkersProject from
// "@cloudflare/vitest-pool-workers/config", cloudflareTest / cloudflarePool
// from "@cloudflare/vitest-pool-workers", readD1Migrations) provided by the
// tool, so neither Vitest, Vite nor the pool need to be installed. Its
// `globalSetup` files run there too (Node, as in the pool), their
// `provide`d values kept for `inject`.
#include "env/viteConfig.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sy {

/// Vitest's config file in `root`: the first of vitest.config.{ts,mts,cts,js,mjs,cjs},
/// then vite.config.{ts,mts,cts,js,mjs,cjs} (Vitest's CONFIG_NAMES x
/// CONFIG_EXTENSIONS order); "" when none.
std::string findVitestConfig(const std::string &root);

/// One read of the test config.
struct VitestConfigRead {
    /// The config as a Vite config (define, resolve.alias, plugins' warnings),
    /// ok=false with error "<file>:<line>:<column>: <message>" when it does not
    /// parse or throws. Empty (present() false) without a config file.
    ViteConfig vite;
    /// The tool's `test` block as JSON ("null" without a config or on failure):
    /// { include, exclude, setupFiles (absolute), globalSetup (absolute),
    ///   globalSetupId, testTimeout, hookTimeout, name, provide,
    ///   pool: { generation: "plugin"|"poolOptions", options } | null,
    ///   poolName, other: [keys], projects: [{ kind: "file", configFile, root }
    ///   | { kind: "dir", root } | { kind: "inline", root, name, result }] }
    ///   (Vitest 4's projects: config files and folders, named or globbed,
    ///   and inline project configs with `extends` applied).
    std::string testJson = "null";
};

/// Reads the config of `root` for `mode` (never cached: the globalSetup files
/// have side effects). With `runGlobalSetup`, its globalSetup files are
/// imported and run in the tool host (their teardowns wait for
/// teardownVitestGlobalSetup); the pool's options given as a function are
/// called with { inject } over the provided values.
/// `configFile` names the config to read (a project's vitest.nodejs.config.ts);
/// "" finds it in `root` (findVitestConfig). A config with `test.projects`
/// is never cached (its projects' files and globs are read anew).
VitestConfigRead readVitestConfig(const std::string &root, const std::string &mode,
                                  const std::string &toolsJsDir, const std::string &cacheDir,
                                  bool runGlobalSetup, const std::string &configFile = {});

/// An inline project's read (the `result` of one test.projects entry the
/// tool returned, shaped as a config file's read) as a VitestConfigRead.
VitestConfigRead vitestConfigFromResult(const std::string &resultJson, const std::string &root);

/// Runs the teardowns of globalSetup run `id` (testJson's globalSetupId; 0 =
/// none) in reverse order; returns their errors' messages.
std::vector<std::string> teardownVitestGlobalSetup(const std::string &toolsJsDir, int id);

/// A request to, or the response of, one of the config's Node-side handlers.
struct NodeHandlerMessage {
    int status = 0;         ///< response only
    std::string statusText; ///< response only
    std::string method;     ///< request only ("GET", ...)
    std::string url;        ///< request only, absolute
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::vector<uint8_t>> body; ///< none: a null body
};

/// Calls handler `id` of the last config read in the tool host: a function the
/// Workers pool's miniflare options gave as a service binding or as
/// `outboundService` (miniflare runs them in Node, in Vitest's process; the tool
/// host reads the config, so they run there). The tool's `callNodeHandler`
/// builds a Request, awaits the handler and returns its Response. Errors (the
/// handler threw, returned no Response, took over `timeout`) are `error`.
bool callVitestConfigHandler(const std::string &toolsJsDir, int id,
                             const NodeHandlerMessage &request, NodeHandlerMessage &response,
                             std::string &error,
                             std::chrono::milliseconds timeout = std::chrono::seconds(60));

} // namespace sy
