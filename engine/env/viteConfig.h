#pragma once
// An app's vite.config.* as the engine applies it. RedwoodSDK apps configure
// their build there (`redwood()` from "rwsdk/vite", `cloudflare()` from
// "@cloudflare/vite-plugin", often `tailwindcss()` from "@tailwindcss/vite").
// Switchyard implements those plugins natively, so it reads the config
// without Vite: the config is bundled and evaluated in the tool host
// (viteConfigTool.js) with `vite` and the known plugin packages replaced by
// recorders of their options. What the engine applies: resolve.alias (the
// resolver of every environment), define (the transforms), base
// (import.meta.env.BASE_URL), envPrefix, the wrangler config path of the
// Cloudflare and rwsdk plugins, rwsdk's entry.worker and its forceClientPaths /
// forceServerPaths (env/forcedDirectivePaths.h). Everything else (other
// plugins, other options) is named in warnings().
#include "resolve/resolveAlias.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sy {

/// One entry of the config's `plugins`, after Vite's flattening (nested
/// arrays, falsy entries and promises resolved).
struct VitePluginInfo {
    /// The plugin's `name` ("vite-plugin-cloudflare"); a plugin of a package
    /// that is not installed is named by its import ("vite-plugin-foo", or the
    /// named export: "foo").
    std::string name;
    /// The package it came from ("@cloudflare/vite-plugin"); "" for a plugin
    /// object written in the config itself.
    std::string package;
    /// One of the plugins the engine implements natively (its options were
    /// recorded, nothing of the package ran).
    bool known = false;
    /// Which engine feature a known plugin maps to: "rwsdk", "cloudflare",
    /// "tailwindcss", "react", "tsconfigPaths"; "" for the others.
    std::string feature;
    /// The options it was called with, as JSON ("null" when none or unknown;
    /// functions appear as "[function name]", RegExps as {regexp, flags}).
    std::string optionsJson = "null";
    /// Why an unknown plugin could not be loaded ("\"x\" is not installed"), or "".
    std::string note;
};

/// One `resolve.alias` entry (object and array forms both end up here, in order).
struct ViteAlias {
    std::string find; ///< string form: the specifier or its first path segments
    bool isRegExp = false;
    std::string regExpSource; ///< RegExp form: its source ...
    std::string regExpFlags;  ///< ... and flags
    std::string replacement;
    bool customResolver = false; ///< the entry had a customResolver (not applied)
};

/// What the engine takes from the config. Empty (file == "") when the app has none.
struct ViteConfig {
    /// Absolute path of the config read, "" when the app has none.
    std::string file;
    /// False when the config could not be read (error says why); the engine
    /// then runs with Vite's defaults.
    bool ok = true;
    /// "vite.config.mts:12:5: <message>" when !ok.
    std::string error;
    std::vector<VitePluginInfo> plugins;
    std::vector<ViteAlias> alias;
    /// `alias` as the resolver applies it (ResolveOptions::alias), in order; an
    /// entry whose RegExp std::regex cannot express is left out (with a warning).
    std::vector<ResolveAlias> resolveAliases;
    /// `define`, key -> JavaScript expression (Vite's handleDefineValue: a
    /// string value is code, anything else its JSON), in key order.
    std::vector<std::pair<std::string, std::string>> define;
    std::optional<std::string> base;      ///< `base`; unset = "/"
    std::vector<std::string> envPrefix;   ///< `envPrefix`; empty = {"VITE_"}
    std::optional<std::string> envDir;    ///< `envDir` as written
    std::optional<std::string> root;      ///< `root` as written
    std::optional<std::string> publicDir; ///< `publicDir` as written ("" = false)
    /// Other top-level keys and their sub-keys ("server" -> {"port"}): not applied.
    std::map<std::string, std::vector<std::string>> other;

    // -- Options of the plugins the engine implements -------------------------
    /// rwsdk `redwood({...})` / cloudflare `cloudflare({...})` were called.
    bool hasRwsdk = false, hasCloudflare = false;
    /// The wrangler config to read (absolute): cloudflare's `configPath`, else
    /// rwsdk's `configPath`; "" = wrangler's own search in the root.
    std::string wranglerConfigPath;
    /// rwsdk `entry.worker`, absolute; "" = wrangler's `main`.
    std::string workerEntry;
    /// rwsdk forceClientPaths / forceServerPaths (globs, as written).
    std::vector<std::string> forceClientPaths, forceServerPaths;
    /// cloudflare `viteEnvironment.name` ("worker" for rwsdk apps), "" when unset.
    std::string cloudflareEnvironmentName;

    /// One line per thing of the config Switchyard does not apply: every
    /// plugin other than the known ones (`vite.config.mts: plugin "x" (from
    /// "x") is not applied by Switchyard: ...`), known plugins' options it
    /// does not honour, other options; and the read error when !ok. Printed
    /// once at start by serve/graph/test/inspect, shown in the dashboard.
    std::vector<std::string> warnings;

    /// True when the app has a config file (read or not).
    bool present() const { return !file.empty(); }

    /// Whether Tailwind runs as @tailwindcss/vite does: true when the config
    /// was read and calls `tailwindcss()`, false when it was read without it
    /// (Vite runs no Tailwind then; a PostCSS config may still), unset when
    /// there is no config or it could not be read (the engine then runs
    /// Tailwind for a stylesheet that uses it, as it does for plain apps).
    std::optional<bool> tailwindVitePlugin() const;
};

/// The config file Vite would load from `root`: the first of vite.config.js,
/// .mjs, .ts, .cjs, .mts, .cts that exists (Vite's DEFAULT_CONFIG_FILES
/// order); "" when none.
std::string findViteConfig(const std::string &root);

/// Reads the config of the app in `root` (found by findViteConfig) for
/// `mode`, in the tool host over `toolsJsDir` (esbuild bundles it; the bundle
/// is written to `cacheDir` for the evaluation and removed). Never fails: a
/// config that does not parse or throws gives ok=false with error naming its
/// file, line and column, and a warning that the engine runs with Vite's
/// defaults. No config: an empty ViteConfig (present() false).
ViteConfig readViteConfig(const std::string &root, const std::string &mode,
                          const std::string &toolsJsDir, const std::string &cacheDir);

/// The ViteConfig of a read that failed (ok=false): `error` = "<file>:<line>:<column>:
/// <message>" from the tool's error JSON, and the warning that the engine runs
/// without the config. Shared by readViteConfig and readVitestConfig.
ViteConfig viteConfigReadFailure(const std::string &file, const std::string &root,
                                 const std::string &errorJson, const std::string &errorText,
                                 bool timedOut);

/// Builds a ViteConfig (with its warnings) from the tool's JSON result;
/// exposed for tests. `root` resolves relative paths.
ViteConfig viteConfigFromJson(const std::string &json, const std::string &root);

} // namespace sy
