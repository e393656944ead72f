#include "env/viteConfig.h"

#include "core/startupTrace.h"

#include "env/embeddedModules.h"
#include "env/viteConfigCache.h"
#include "js/toolHost.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace sy {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char *kTool = "viteConfig";
/// Bundling + evaluating a config takes ~50-300 ms (plus the tool host's
/// first start); a config that imports a heavy plugin may take seconds.
constexpr auto kCallTimeout = std::chrono::seconds(60);

/// Vite's DEFAULT_CONFIG_FILES, in its order.
constexpr const char *kConfigNames[] = {"vite.config.js",  "vite.config.mjs", "vite.config.ts",
                                        "vite.config.cjs", "vite.config.mts", "vite.config.cts"};

std::string text(const json &j, const char *key)
{
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>()
                                                                  : std::string();
}

std::vector<std::string> strings(const json &j)
{
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto &v : j)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::string joined(const std::vector<std::string> &items, const char *separator = ", ")
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string absoluteIn(const std::string &root, const std::string &path)
{
    return (fs::path(root) / path).lexically_normal().string();
}

/// The options of a known plugin that the engine does not honour, as
/// warnings. `applied` are the option keys it does honour.
void unappliedOptions(ViteConfig &out, const std::string &fileName, const std::string &call,
                      const json &options, const std::set<std::string> &applied,
                      const std::map<std::string, std::string> &why)
{
    if (!options.is_object())
        return;
    for (const auto &[key, value] : options.items()) {
        if (applied.count(key) || value.is_null())
            continue;
        auto reason = why.find(key);
        out.warnings.push_back(fileName + ": " + call + " option \"" + key +
                               "\" is not applied by Switchyard" +
                               (reason != why.end() ? ": " + reason->second : std::string()));
    }
}

void readKnownPlugin(ViteConfig &out, const std::string &root, const std::string &fileName,
                     const VitePluginInfo &plugin, const json &options)
{
    if (plugin.feature == "rwsdk") {
        out.hasRwsdk = true;
        if (options.is_object()) {
            if (std::string path = text(options, "configPath");
                !path.empty() && out.wranglerConfigPath.empty())
                out.wranglerConfigPath = absoluteIn(root, path);
            if (options.contains("entry") && options["entry"].is_object())
                if (std::string worker = text(options["entry"], "worker"); !worker.empty())
                    out.workerEntry = absoluteIn(root, worker);
            if (options.contains("forceClientPaths"))
                out.forceClientPaths = strings(options["forceClientPaths"]);
            if (options.contains("forceServerPaths"))
                out.forceServerPaths = strings(options["forceServerPaths"]);
        }
        unappliedOptions(
            out, fileName, "redwood()", options,
            {"configPath", "entry", "silent", "includeCloudflarePlugin", "forceClientPaths",
             "forceServerPaths"},
            {{"includeReactPlugin",
              "Switchyard always applies React Fast Refresh to client modules"},
             {"esbuildOptions", "Switchyard scans and pre-bundles with its own esbuild options"},
             {"rootDir", "the app's folder is the root"}});
        if (options.is_object() && options.contains("entry") && options["entry"].is_object())
            for (const auto &[key, value] : options["entry"].items())
                if (key != "worker" && !value.is_null())
                    out.warnings.push_back(fileName + ": redwood() option \"entry." + key +
                                           "\" is not applied by Switchyard");
    } else if (plugin.feature == "cloudflare") {
        out.hasCloudflare = true;
        if (options.is_object()) {
            // The Cloudflare plugin's own configPath wins over rwsdk's (rwsdk
            // passes its configPath to the plugin only when it adds it itself).
            if (std::string path = text(options, "configPath"); !path.empty())
                out.wranglerConfigPath = absoluteIn(root, path);
            if (options.contains("viteEnvironment") && options["viteEnvironment"].is_object())
                out.cloudflareEnvironmentName = text(options["viteEnvironment"], "name");
        }
        unappliedOptions(
            out, fileName, "cloudflare()", options, {"configPath", "viteEnvironment"},
            {{"persistState", "local KV and D1 data persist in .switchyard/storage"},
             {"inspectorPort", "the worker runs inside Switchyard, without a DevTools inspector"},
             {"auxiliaryWorkers", "Switchyard runs the entry worker only"},
             {"config", "edit the wrangler config instead"},
             {"remoteBindings", "bindings are local (SQLite)"},
             {"tunnel", "the dev server is local"},
             {"experimental", ""}});
    } else if (plugin.feature == "tailwindcss") {
        unappliedOptions(out, fileName, "tailwindcss()", options, {},
                         {{"optimize", "stylesheets are served unminified in dev"}});
    } else if (plugin.feature == "react") {
        if (options.is_object() && options.contains("babel")) {
            const json &babel = options["babel"];
            std::vector<std::string> names;
            for (const char *key : {"plugins", "presets"})
                if (babel.is_object() && babel.contains(key) && babel[key].is_array())
                    for (const auto &entry : babel[key]) {
                        const json &name = entry.is_array() && !entry.empty() ? entry[0] : entry;
                        names.push_back(name.is_string() ? "\"" + name.get<std::string>() + "\""
                                                         : name.dump());
                    }
            out.warnings.push_back(
                fileName + ": react() babel " +
                (names.empty() ? std::string("options are") : "plugins " + joined(names) + " are") +
                " not applied by Switchyard: it transforms JSX with sucrase and applies only "
                "React Fast Refresh");
        }
        unappliedOptions(out, fileName, "react()", options, {"babel"},
                         {{"jsxImportSource", "JSX uses React's automatic runtime (react)"},
                          {"jsxRuntime", "JSX uses React's automatic runtime"},
                          {"include", "every app module with JSX gets Fast Refresh"},
                          {"exclude", "every app module with JSX gets Fast Refresh"},
                          {"plugins", "SWC plugins do not run"}});
    } else if (plugin.feature == "tsconfigPaths") {
        unappliedOptions(out, fileName, "tsconfigPaths()", options, {},
                         {{"projects", "each importer's nearest tsconfig.json is used"},
                          {"root", "each importer's nearest tsconfig.json is used"},
                          {"loose", ""},
                          {"ignoreConfigErrors", "a tsconfig that does not parse fails the "
                                                 "imports it governs"}});
    }
}

/// Why a top-level option is not applied, when there is something to say.
std::string hintFor(const std::string &key, const std::vector<std::string> &subKeys)
{
    auto has = [&](const char *k) {
        return std::find(subKeys.begin(), subKeys.end(), k) != subKeys.end();
    };
    if (key == "server") {
        std::vector<std::string> hints;
        if (has("port"))
            hints.push_back("--port");
        if (has("host"))
            hints.push_back("--host");
        if (has("allowedHosts"))
            hints.push_back("--allowed-host");
        if (has("cors"))
            hints.push_back("--allowed-origin");
        return hints.empty() ? std::string() : "use switchyard serve " + joined(hints);
    }
    if (key == "mode")
        return "use --mode";
    if (key == "test")
        return "switchyard test reads \"switchyard\": {\"test\": ...} in package.json";
    if (key == "optimizeDeps" || key == "ssr" || key == "environments")
        return "Switchyard pre-bundles with the framework's own rules";
    return {};
}

/// Top-level options that do not concern a dev server (or have nothing to apply).
bool irrelevantInDev(const std::string &key)
{
    static const std::set<std::string> keys = {"build",    "preview",      "clearScreen",
                                               "logLevel", "customLogger", "appType"};
    return keys.count(key) > 0;
}

} // namespace

std::optional<bool> ViteConfig::tailwindVitePlugin() const
{
    if (!present() || !ok)
        return std::nullopt;
    return std::any_of(plugins.begin(), plugins.end(), [](const VitePluginInfo &p) {
        return p.known && p.feature == "tailwindcss";
    });
}

std::string findViteConfig(const std::string &root)
{
    for (const char *name : kConfigNames) {
        const fs::path file = fs::path(root) / name;
        std::error_code ec;
        if (fs::is_regular_file(file, ec))
            return file.string();
    }
    return {};
}

ViteConfig viteConfigFromJson(const std::string &resultJson, const std::string &root)
{
    ViteConfig out;
    const json r = json::parse(resultJson, nullptr, false);
    out.file = text(r, "file");
    const std::string fileName = fs::path(out.file).filename().string();
    if (!r.is_object())
        return out;

    const std::string known =
        "it runs no Vite plugins besides the ones it implements (rwsdk, Cloudflare, React, "
        "Tailwind CSS, tsconfig paths)";
    for (const json &p : r.value("plugins", json::array())) {
        VitePluginInfo plugin;
        plugin.name = text(p, "name");
        plugin.package = text(p, "package");
        plugin.known = p.value("known", false);
        plugin.feature = text(p, "feature");
        plugin.note = text(p, "note");
        const json options = p.contains("options") ? p["options"] : json();
        plugin.optionsJson = options.dump();
        if (plugin.known) {
            readKnownPlugin(out, root, fileName, plugin, options);
        } else {
            const std::string from = plugin.package.empty() ? "defined in " + fileName
                                                            : "from \"" + plugin.package + "\"";
            out.warnings.push_back(fileName + ": plugin \"" + plugin.name + "\" (" + from +
                                   ") is not applied by Switchyard: " + known +
                                   (plugin.note.empty() ? std::string() : "; " + plugin.note));
        }
        out.plugins.push_back(std::move(plugin));
    }

    for (const json &a : r.value("alias", json::array())) {
        ViteAlias alias;
        alias.replacement = text(a, "replacement");
        if (a.contains("regexp")) {
            alias.isRegExp = true;
            alias.regExpSource = text(a["regexp"], "source");
            alias.regExpFlags = text(a["regexp"], "flags");
        } else {
            alias.find = text(a, "find");
        }
        alias.customResolver = a.value("customResolver", false);
        if (alias.isRegExp) {
            std::string regexError;
            if (std::optional<ResolveAlias> compiled = regexAlias(
                    alias.regExpSource, alias.regExpFlags, alias.replacement, regexError))
                out.resolveAliases.push_back(std::move(*compiled));
            else
                out.warnings.push_back(fileName + ": resolve.alias /" + alias.regExpSource + "/" +
                                       alias.regExpFlags +
                                       " is not applied by Switchyard: " + regexError);
        } else if (!alias.find.empty()) {
            out.resolveAliases.push_back({alias.find, nullptr, false, alias.replacement});
        }
        if (alias.customResolver)
            out.warnings.push_back(fileName + ": the customResolver of resolve.alias \"" +
                                   (alias.isRegExp ? "/" + alias.regExpSource + "/" : alias.find) +
                                   "\" is not applied by Switchyard (the alias is)");
        out.alias.push_back(std::move(alias));
    }
    if (r.contains("define") && r["define"].is_object())
        for (const auto &[key, value] : r["define"].items())
            if (value.is_string())
                out.define.emplace_back(key, value.get<std::string>());

    if (r.contains("base") && r["base"].is_string()) {
        out.base = r["base"].get<std::string>();
        if (*out.base != "/" && !out.base->empty())
            out.warnings.push_back(fileName + ": base \"" + *out.base +
                                   "\" is import.meta.env.BASE_URL, but Switchyard's dev server "
                                   "serves the app at /");
    }
    if (r.contains("envPrefix"))
        out.envPrefix = strings(r["envPrefix"]);
    if (r.contains("envDir") && r["envDir"].is_string()) {
        out.envDir = r["envDir"].get<std::string>();
        if (fs::path(absoluteIn(root, *out.envDir)) != fs::path(root).lexically_normal())
            out.warnings.push_back(fileName + ": envDir \"" + *out.envDir +
                                   "\" is not applied by Switchyard: it reads the env files in "
                                   "the app's folder");
    }
    if (r.contains("root") && r["root"].is_string()) {
        out.root = r["root"].get<std::string>();
        if (fs::path(absoluteIn(root, *out.root)) != fs::path(root).lexically_normal())
            out.warnings.push_back(fileName + ": root \"" + *out.root +
                                   "\" is not applied by Switchyard: the app's folder (with the "
                                   "wrangler config) is the root");
    }
    if (r.contains("publicDir")) {
        if (r["publicDir"].is_string())
            out.publicDir = r["publicDir"].get<std::string>();
        else if (r["publicDir"].is_boolean() && !r["publicDir"].get<bool>())
            out.publicDir = std::string();
        if (out.publicDir &&
            (out.publicDir->empty() ||
             fs::path(absoluteIn(root, *out.publicDir)) != fs::path(absoluteIn(root, "public"))))
            out.warnings.push_back(
                fileName + ": publicDir " +
                (out.publicDir->empty() ? std::string("false") : "\"" + *out.publicDir + "\"") +
                " is not applied by Switchyard: it serves public/");
    }
    if (std::string mode = text(r, "mode"); !mode.empty())
        out.other["mode"] = {};
    if (r.contains("other") && r["other"].is_object())
        for (const auto &[key, subKeys] : r["other"].items())
            if (!irrelevantInDev(key))
                out.other[key] = strings(subKeys);
    for (const auto &[key, subKeys] : out.other) {
        const std::string hint = hintFor(key, subKeys);
        std::string what = key;
        if (!subKeys.empty()) {
            std::vector<std::string> paths;
            for (const std::string &sub : subKeys)
                paths.push_back(key + "." + sub);
            what = joined(paths);
        }
        out.warnings.push_back(fileName + ": " + what + " " + (subKeys.size() > 1 ? "are" : "is") +
                               " not applied by Switchyard" +
                               (hint.empty() ? std::string() : " (" + hint + ")"));
    }
    return out;
}

ViteConfig readViteConfig(const std::string &root, const std::string &mode,
                          const std::string &toolsJsDir, const std::string &cacheDir)
{
    const std::string file = findViteConfig(root);
    if (file.empty())
        return {};
    const std::string fileName = fs::path(file).filename().string();
    const ViteConfigCacheKey cacheKey{root, file, mode, "serve",
                                      std::string(embedded::kViteConfigTool)};
    if (const std::string cached = findCachedViteConfig(cacheDir, cacheKey); !cached.empty())
        return viteConfigFromJson(cached, root);
    ToolHost &host = ToolHost::shared(toolsJsDir);
    if (!host.hasTool(kTool))
        host.registerTool(kTool, std::string(embedded::kViteConfigTool));
    const json args = {{"root", root},
                       {"file", file},
                       {"mode", mode},
                       {"command", "serve"},
                       {"cacheDir", cacheDir}};
    const ToolCallResult r = [&] {
        startupTrace::Scope trace("vite.config read by the tool");
        return host.call(kTool, "load", args.dump(-1, ' ', false, json::error_handler_t::replace),
                         kCallTimeout);
    }();
    if (r.ok) {
        const json result = json::parse(r.json, nullptr, false);
        if (result.is_object() && result.contains("inputs") && result["inputs"].is_array())
            storeCachedViteConfig(cacheDir, cacheKey,
                                  viteConfigWatchedFiles(cacheKey, strings(result["inputs"])),
                                  r.json);
        return viteConfigFromJson(r.json, root);
    }

    return viteConfigReadFailure(file, root, r.json, r.error, r.timedOut);
}

ViteConfig viteConfigReadFailure(const std::string &file, const std::string &root,
                                 const std::string &errorJson, const std::string &errorText,
                                 bool timedOut)
{
    const std::string fileName = fs::path(file).filename().string();
    ViteConfig out;
    out.file = file;
    out.ok = false;
    const json e = json::parse(errorJson, nullptr, false);
    std::string where = fileName;
    if (e.is_object()) {
        std::string errorFile = text(e, "file");
        if (!errorFile.empty() && errorFile != file)
            where = fs::path(errorFile).lexically_relative(root).string();
        if (e.value("line", 0) > 0)
            where += ":" + std::to_string(e.value("line", 0)) + ":" +
                     std::to_string(e.value("column", 0));
    }
    std::string message = timedOut ? "reading it took longer than 60 s" : errorText;
    if (e.is_object() && text(e, "kind").empty() && !timedOut)
        message = "could not be read: " + message;
    out.error = where + ": " + message;
    out.warnings.push_back(out.error + " (Switchyard runs without " + fileName +
                           ": no plugin options, resolve.alias or define from it; fix the file "
                           "and restart)");
    return out;
}

} // namespace sy
