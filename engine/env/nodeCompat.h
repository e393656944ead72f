#pragma once
// Cloudflare's Node.js compatibility as workerd resolves it: which Node.js
// built-in modules a worker may import (node:crypto, and bare names such as
// `crypto` in the v2 mode), under which compatibility flags and date, and
// whether the Buffer/process globals exist. The ONE list of built-in modules
// of the engine lives in nodeCompat.cpp (taken from workerd's src/node/ and
// NODEJS_BUILTINS, the flags and dates of its compatibility-date.capnp, and
// workers-sdk's resolveNodejsCompat()).
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// miniflare's NodeJSCompatMode: none; "als" (nodejs_als: node:async_hooks
/// only); "v1" (nodejs_compat before 2024-09-23: node:-prefixed imports, no
/// globals); "v2" (node: and bare names, Buffer/process/global globals).
enum class NodeCompatMode { None, Als, V1, V2 };

/// The Node.js compatibility of one app, from wrangler's compatibility_date and
/// compatibility_flags.
struct NodeCompat {
    NodeCompatMode mode = NodeCompatMode::None;
    std::string compatibilityDate;               ///< "YYYY-MM-DD" ("" when unset)
    std::vector<std::string> compatibilityFlags; ///< as written in the config
    std::string configFile = "wrangler.jsonc";   ///< file name the errors point at

    /// Resolves the mode as workerd and workers-sdk's resolveNodejsCompat() do:
    /// nodejs_compat and nodejs_compat_v2 are on by default from 2026-08-04
    /// (off with no_nodejs_compat / no_nodejs_compat_v2); before that date
    /// nodejs_compat implies v2 from 2024-09-23; nodejs_als alone gives "als".
    static NodeCompat fromConfig(std::string date, std::vector<std::string> flags,
                                 std::string configFile = "wrangler.jsonc");

    /// workerd's nodejs_compat (v1 or v2) is on.
    bool enabled() const { return mode == NodeCompatMode::V1 || mode == NodeCompatMode::V2; }
    /// v2: the Buffer, process and global globals exist (and bare built-in names resolve).
    bool globals() const { return mode == NodeCompatMode::V2; }
    /// "none" | "als" | "v1" | "v2".
    std::string_view modeName() const;
    bool operator==(const NodeCompat &) const = default;
};

/// What a specifier means as a Node.js built-in in the worker and ssr
/// environments (both run in the worker isolate).
struct NodeBuiltinLookup {
    /// The specifier names a Node.js built-in ("node:<anything>", or a bare
    /// name workerd or Node.js know as a built-in).
    bool builtin = false;
    /// The specifier has the node: prefix.
    bool prefixed = false;
    /// Import it as the built-in (ok): true also when it is an error (then
    /// `error` is set). False for a bare name that is not taken as a built-in
    /// under this mode (v1, none): normal resolution goes first, and `error`
    /// is what to report if it finds no package of that name.
    bool takeAsBuiltin = false;
    bool ok = false;
    std::string id;   ///< canonical module id "node:<name>" (sys -> node:util)
    std::string name; ///< the module's name without prefix ("crypto", "fs/promises")
    /// ok: workerd offers it as a non-functional stub (node:child_process, node:vm, ...): the
    /// isolate gives a module with Node's export names whose functions throw
    /// ERR_METHOD_NOT_IMPLEMENTED, as workerd's, never Node's own module.
    bool stub = false;
    /// ok: workerd's virtual file system (node:fs, node:fs/promises): the isolate gives one in
    /// memory (/bundle, /tmp, /dev; js/virtualFs.js over memfs), never this machine's disk.
    bool virtualFs = false;
    /// What the isolate's loadBuiltin is asked for: `name`, "stub:<name>" or "vfs:<name>".
    std::string loaderName() const
    {
        return stub ? "stub:" + name : virtualFs ? "vfs:" + name : name;
    }
    /// Why it cannot be imported: names the specifier and what to change
    /// (the flag and the config file, the compatibility_date, or why
    /// Switchyard does not offer a module workerd has).
    std::string error;
};

/// Looks `specifier` up against the built-ins workerd offers under `compat`
/// (limited by compatibility date and flags as in workerd's node.h, and to
/// what Switchyard's Node 18 isolate can give honestly). Pure.
NodeBuiltinLookup lookupNodeBuiltin(std::string_view specifier, const NodeCompat &compat);

/// True when `specifier` ("node:x" or a bare name) is a Node.js built-in of
/// Node.js itself or of workerd (Vite's isBuiltin(): what the client
/// environment turns into a browser-external module).
bool isNodeBuiltinSpecifier(std::string_view specifier);

/// esbuild --external patterns for the worker and ssr pre-bundles: `node:*`
/// and every bare built-in name, so imports of built-ins stay imports that
/// the environment resolves (and reports) like app code's. (The client keeps
/// only `node:*`: esbuild ignores a package's browser map for externals.)
std::vector<std::string> nodeBuiltinExternals();

/// ESM banner of the worker and ssr pre-bundles: gives bundled CommonJS a
/// module-scoped `require` (esbuild's __require shim calls it) that answers
/// the built-ins `compat` allows and throws the same errors as an import
/// (kNodeRequireModuleId).
std::string nodeRequireBanner();

/// Writes into `dir` one CommonJS stub per Node.js built-in name ("crypto"
/// -> dir/crypto/index.js, "fs/promises" -> dir/fs/promises.js) for the
/// client's pre-bundles (NODE_PATH): Vite's optimizer's browser-external
/// module, an object that warns "Module "crypto" has been externalized for
/// browser compatibility" when a property is read. Idempotent; errors are
/// ignored (the pre-bundle then fails with esbuild's message, as before).
void writeBrowserExternalStubs(const std::string &dir);

/// The module behind nodeRequireBanner(): `createRequire(importerUrl)` gives
/// the `require(id)` of one pre-bundle (the runner synthesizes it from the
/// isolate's loader with nodeRequirePolicyJson()).
inline constexpr std::string_view kNodeRequireModuleId = "virtual:switchyard:node-require";

/// JSON the worker isolate's loader gets for kNodeRequireModuleId under
/// `compat`: {"allowed": {specifier: name}, "errors": {specifier: message}}
/// over every built-in specifier (prefixed and bare).
std::string nodeRequirePolicyJson(const NodeCompat &compat);

} // namespace sy
