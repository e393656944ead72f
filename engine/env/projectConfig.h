#pragma once
// An app as Switchyard sees it: its root, its worker entry and bindings from
// its wrangler config (wrangler.json, wrangler.jsonc or wrangler.toml, the
// environment selected by --env / CLOUDFLARE_ENV: env/wranglerConfig.h), and
// where the engine's own pieces live.
#include "core/bindingHost.h"
#include "env/assetsConfig.h"
#include "env/nodeCompat.h"
#include "env/viteConfig.h"
#include "env/viteDefine.h"
#include "env/workerBindings.h"
#include "env/workerModuleRules.h"
#include "env/workersPoolOptions.h"
#include "framework/frameworkProfile.h"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sy {

struct ProjectConfig {
    std::string root; ///< absolute real path of the app
    std::string name; ///< wrangler "name"
    /// Absolute path of wrangler "main" (or rwsdk's entry.worker). In a test
    /// run without a `main` (ProjectLoadOptions::mainOptional): kNoMainEntryId.
    std::string workerEntry;
    /// The worker has an entry of its own (false: a test run without `main`:
    /// no SELF / exports.default, as the Workers Vitest pool).
    bool hasMain = true;
    /// Absolute path of the wrangler config read: <root>/wrangler.json,
    /// wrangler.jsonc or wrangler.toml, or the `configPath` of vite.config's
    /// cloudflare() / redwood().
    std::string wranglerFile;
    /// What of the wrangler config Switchyard does not model (binding kinds,
    /// compatibility flags, keys: env/wranglerConfig.h) and wrangler's own
    /// environment warnings; printed once when a command starts.
    std::vector<std::string> warnings;
    /// The app's vite.config.* as read for `mode` (env/viteConfig.h): aliases,
    /// defines, base, envPrefix, the known plugins' options and the warnings
    /// about everything Switchyard does not apply. Empty without a config.
    ViteConfig vite;
    /// `switchyard test` (ProjectLoadOptions::readTestConfig): Vitest's `test`
    /// block of vitest.config.* / vite.config.* as JSON (env/vitestConfig.h),
    /// "null" without one; engine/testing applies it (include, setupFiles, ...).
    std::string vitestTestJson = "null";
    /// The Workers Vitest pool's options of that config (applied here: main,
    /// wrangler.configPath / environment, miniflare bindings and flags).
    WorkersPoolOptions pool;
    /// wrangler "vars" as JSON (the worker's `env`; with a Cloudflare
    /// environment selected, that environment's "vars": they are not inherited).
    /// The dev and test workers get loadDevVars() of it (.dev.vars / .env).
    std::string varsJson = "{}";
    /// wrangler "define" (not inheritable, as "vars"): key -> JavaScript expression, replaced
    /// in the worker environment's modules as wrangler's bundler (and the Workers Vitest
    /// pool) replace them, next to vite.config's define (applyDefines, viteDefine.h).
    DefineList workerDefine;
    /// Vite's mode: import.meta.env.MODE and the .env.[mode] files.
    /// "development" (serve, graph, inspect), "test" (switchyard test), --mode.
    std::string mode = "development";
    /// The selected Cloudflare environment (wrangler's --env; the Cloudflare
    /// Vite plugin's CLOUDFLARE_ENV, read by loadProjectConfig), or empty: picks
    /// `env.<name>.vars` and the `.dev.vars.<name>` / `.env.<name>` files.
    std::string cloudflareEnv;
    /// compatibility_date + compatibility_flags as Node.js compatibility (nodejs_compat,
    /// nodejs_als, their dates): which node: modules resolve, Buffer/process globals.
    NodeCompat nodeCompat;
    /// The app's framework and version (detectFramework(root)): what the engine
    /// resolves, generates and serves for it (framework/frameworkProfile.h).
    FrameworkProfile framework;
    std::string toolsJsDir; ///< tools/js (esbuild)
    std::string cacheDir;   ///< <root>/.switchyard
    /// Storage bindings: wrangler `kv_namespaces` [{binding, id}] then
    /// `d1_databases` [{binding, database_name, database_id, migrations_dir}]
    /// (id = database_id, else database_name; migrationsDir absolute, default
    /// <root>/migrations, whether or not it exists).
    std::vector<BindingDescriptor> bindings;
    /// `switchyard test`: the Workers pool's auxiliary workers (miniflare.workers),
    /// their bindings resolved; each runs in a realm beside the test file's.
    std::vector<AuxiliaryWorker> auxiliaryWorkers;
    /// Service bindings and the binding types Switchyard does not model yet
    /// (Durable Objects, R2, Queues, ...): env/workerBindings.h.
    std::vector<WorkerBinding> workerBindings;
    /// wrangler `assets` (the worker's env.ASSETS: env/assetsConfig.h).
    AssetsConfig assets;
    /// wrangler `rules` (module types of non-JS imports in the Worker), in
    /// order; wrangler's defaults are added by WorkerModuleRules.
    std::vector<WorkerModuleRule> moduleRules;

    /// Native esbuild binary inside toolsJsDir.
    std::string esbuildPath() const;
    /// <cacheDir>/deps_<environment>
    std::string depsDir(const std::string &environment) const;
    /// <cacheDir>/storage: the dev server's persisted KV/D1 data.
    std::string storageDir() const;
};

/// The worker entry of a test run whose config has no `main`: a module whose
/// fetch throws the pool's "requires `main`" error (engine/testing installs it).
extern const char *const kNoMainEntryId;

/// How loadProjectConfig reads the app.
struct ProjectLoadOptions {
    /// Vite's mode ("development"; "test" for switchyard test; --mode).
    std::string mode = "development";
    /// The Cloudflare environment (wrangler's --env); unset: CLOUDFLARE_ENV;
    /// "" = the top level.
    std::optional<std::string> cloudflareEnv;
    /// `main` may be missing (switchyard test, as the Workers Vitest pool:
    /// without it there is no SELF); the entry is then kNoMainEntryId.
    bool mainOptional = false;
    /// Read vitest.config.* (else vite.config.*) as Vitest does, with its
    /// `test` block and the Workers pool's options (switchyard test); a config
    /// that does not parse is then an error, not a warning.
    bool readTestConfig = false;
    /// With readTestConfig: run its globalSetup files (their teardowns:
    /// teardownVitestGlobalSetup).
    bool runGlobalSetup = false;
    /// With readTestConfig: the Vitest config file to read (a test.projects
    /// entry such as misc/vitest.nodejs.config.ts); "" = found in the folder.
    std::string vitestConfigFile;
    /// With readTestConfig: an inline test.projects entry's read (its
    /// `result`, env/vitestConfig.h) used instead of reading a file.
    std::string inlineVitestResultJson;
};

/// loadProjectConfig (below) reads `<dir>`'s wrangler config (env/wranglerConfig.h). On failure
/// returns false and sets `error` to a message naming the file and the problem (missing file, a
/// JSONC or TOML syntax error with its line and column, an --env the file has no section for,
/// missing "main", entry not found, a kv_namespaces / d1_databases entry without a "binding"
/// string, a binding name used twice).
/// compatibility_date and compatibility_flags of a parsed wrangler config as
/// NodeCompat (configFileName, e.g. "wrangler.jsonc", is what its errors name).
NodeCompat readNodeCompat(const nlohmann::json &config, const std::string &configFileName);

/// Reads only the Node.js compatibility of the app in `dir` (its wrangler
/// config, environment `cloudflareEnv` or the top level), for a config change
/// while serving. False + error like loadProjectConfig's when the file is
/// missing or does not parse.
bool loadNodeCompat(const std::string &dir, NodeCompat &out, std::string &error,
                    const std::string &cloudflareEnv = {});

/// Reads the app in `dir`: first its vite.config.* (readViteConfig, for
/// `mode`; a config that cannot be read only adds a warning), then the
/// wrangler config that config names (cloudflare()/redwood() `configPath`) or
/// `<dir>/wrangler.json`, `wrangler.jsonc`, `wrangler.toml` (wrangler's order),
/// in the selected environment. `main` and `migrations_dir` are relative to the
/// wrangler config's folder, as wrangler reads them; rwsdk's `entry.worker`
/// replaces `main`. Sets out.mode to `mode`.
bool loadProjectConfig(const std::string &dir, const std::string &toolsJsDir, ProjectConfig &out,
                       std::string &error, const std::string &mode = "development");
bool loadProjectConfig(const std::string &dir, const std::string &toolsJsDir, ProjectConfig &out,
                       std::string &error, const ProjectLoadOptions &options);

} // namespace sy
