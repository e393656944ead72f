#include "env/projectConfig.h"
#include "env/vitestConfig.h"
#include "env/wranglerConfig.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace sy {

namespace fs = std::filesystem;

std::string ProjectConfig::esbuildPath() const
{
    return toolsJsDir + "/node_modules/@esbuild/linux-x64/bin/esbuild";
}

std::string ProjectConfig::depsDir(const std::string &environment) const
{
    return cacheDir + "/deps_" + environment;
}

std::string ProjectConfig::storageDir() const
{
    return cacheDir + "/storage";
}

namespace {

// wrangler's kv_namespaces and d1_databases as BindingDescriptors (see
// ProjectConfig::bindings). False + error naming the entry.
bool readStorageBindings(const nlohmann::json &config, const fs::path &root,
                         const std::string &file, std::vector<BindingDescriptor> &out,
                         std::string &error)
{
    auto entries = [&](const char *key, auto &&read) {
        if (!config.contains(key))
            return true;
        const nlohmann::json &list = config[key];
        if (!list.is_array()) {
            error = file + ": \"" + key + "\" must be an array";
            return false;
        }
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string where = file + ": " + key + "[" + std::to_string(i) + "]";
            const nlohmann::json &e = list[i];
            if (!e.is_object() || !e.contains("binding") || !e["binding"].is_string() ||
                e["binding"].get<std::string>().empty()) {
                error = where + ": \"binding\" (the env property, a string) is missing";
                return false;
            }
            BindingDescriptor b;
            b.name = e["binding"].get<std::string>();
            for (const BindingDescriptor &other : out)
                if (other.name == b.name) {
                    error = where + ": the binding \"" + b.name + "\" is declared twice";
                    return false;
                }
            read(e, b);
            out.push_back(std::move(b));
        }
        return true;
    };
    auto text = [](const nlohmann::json &e, const char *key) {
        return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
    };
    return entries("kv_namespaces",
                   [&](const nlohmann::json &e, BindingDescriptor &b) {
                       b.kind = BindingKind::Kv;
                       b.id = text(e, "id");
                   }) &&
           entries("d1_databases", [&](const nlohmann::json &e, BindingDescriptor &b) {
               b.kind = BindingKind::D1;
               b.id = text(e, "database_id");
               if (b.id.empty())
                   b.id = text(e, "database_name");
               const std::string dir = text(e, "migrations_dir");
               b.migrationsDir = (root / (dir.empty() ? "migrations" : dir)).lexically_normal();
           });
}

} // namespace

NodeCompat readNodeCompat(const nlohmann::json &config, const std::string &configFileName)
{
    std::string date;
    std::vector<std::string> flags;
    if (config.is_object() && config.contains("compatibility_date") &&
        config["compatibility_date"].is_string())
        date = config["compatibility_date"].get<std::string>();
    if (config.is_object() && config.contains("compatibility_flags") &&
        config["compatibility_flags"].is_array())
        for (const auto &flag : config["compatibility_flags"])
            if (flag.is_string())
                flags.push_back(flag.get<std::string>());
    return NodeCompat::fromConfig(std::move(date), std::move(flags), configFileName);
}

namespace {

/// The environment to select: --env when given, else CLOUDFLARE_ENV (wrangler
/// reads both; an empty value selects the top level).
std::string selectedEnvironment(const std::optional<std::string> &given)
{
    if (given)
        return *given;
    const char *selected = std::getenv("CLOUDFLARE_ENV");
    return selected ? std::string(selected) : std::string();
}

} // namespace

const char *const kNoMainEntryId = "virtual:switchyard:no-main";

namespace {

/// A test run's configuration over the wrangler config's, as the Workers pool
/// builds its runner worker: miniflare's bindings, KV namespaces and D1
/// databases are added (a name declared twice is an error), its
/// compatibilityDate / compatibilityFlags replace wrangler's; then the pool's
/// own flags: Node.js compatibility v2 always (the pool adds nodejs_compat_v2),
/// and the node:fs/http/perf_hooks/v8/tty module gates.
bool applyPoolOptions(const WorkersPoolOptions &pool, const nlohmann::json &config,
                      const std::string &fileName, ProjectConfig &out, std::string &error)
{
    for (const std::string &w : pool.warnings)
        out.warnings.push_back(w);
    if (!pool.bindings.empty()) {
        nlohmann::json vars = nlohmann::json::parse(out.varsJson, nullptr, false);
        if (!vars.is_object())
            vars = nlohmann::json::object();
        for (const auto &[name, value] : pool.bindings.items())
            vars[name] = value;
        out.varsJson = vars.dump();
    }
    for (const BindingDescriptor &b : pool.storage) {
        for (const BindingDescriptor &other : out.bindings)
            if (other.name == b.name) {
                error = fileName + ": the binding \"" + b.name +
                        "\" is declared twice (wrangler config and the pool's miniflare options)";
                return false;
            }
        out.bindings.push_back(b);
    }
    for (const auto &[name, handler] : pool.nodeServices) {
        std::erase_if(out.workerBindings, [&](const WorkerBinding &b) { return b.name == name; });
        WorkerBinding b;
        b.name = name;
        b.kind = "node";
        b.type = "service binding to a function of the Vitest config";
        b.configKey = "miniflare.serviceBindings";
        b.nodeHandler = handler;
        out.workerBindings.push_back(std::move(b));
    }
    // After the wrangler config's: pool.serviceTargets replace wrangler bindings of the name.
    std::vector<AuxiliaryWorker> workers = pool.auxiliaryWorkers;
    if (!resolveServiceBindings(pool.serviceTargets, out.name,
                                (fs::path(out.root) / ".switchyard").string(), out.workerBindings,
                                workers, error))
        return false;
    out.auxiliaryWorkers = std::move(workers);
    if (pool.outboundHandler > 0) {
        WorkerBinding b;
        b.kind = "outbound";
        b.type = "miniflare outboundService";
        b.configKey = "miniflare.outboundService";
        b.nodeHandler = pool.outboundHandler;
        out.workerBindings.push_back(std::move(b));
    }
    std::string date = out.nodeCompat.compatibilityDate;
    std::vector<std::string> flags = out.nodeCompat.compatibilityFlags;
    if (pool.compatibilityDate)
        date = *pool.compatibilityDate;
    if (pool.compatibilityFlags)
        flags = *pool.compatibilityFlags;
    auto has = [&](const std::string &f) {
        return std::find(flags.begin(), flags.end(), f) != flags.end();
    };
    if (NodeCompat::fromConfig(date, flags).mode != NodeCompatMode::V2) {
        std::erase(flags, std::string("no_nodejs_compat_v2"));
        flags.push_back("nodejs_compat_v2");
    }
    for (const char *feature : {"nodejs_tty_module", "nodejs_fs_module", "nodejs_http_modules",
                                "nodejs_perf_hooks_module", "nodejs_v8_module"})
        if (!has(std::string("enable_") + feature) && !has(std::string("disable_") + feature))
            flags.push_back(std::string("enable_") + feature);
    (void)config;
    out.nodeCompat = NodeCompat::fromConfig(date, flags, fileName);
    return true;
}

/// The project's own wrangler config when `configPath` (the Workers pool's
/// wrangler.configPath, absolute) lies in Vite's build output (<root>/dist/,
/// where @cloudflare/vite-plugin writes the built worker's wrangler.json), as
/// rwsdk's Vitest guide configures it; else empty.
fs::path sourceConfigForBuildOutput(const fs::path &root, const std::string &configPath)
{
    if (configPath.empty())
        return {};
    const fs::path relative = fs::path(configPath).lexically_normal().lexically_relative(root);
    if (relative.empty() || *relative.begin() != "dist")
        return {};
    return findWranglerConfig(root.string());
}

} // namespace

bool loadNodeCompat(const std::string &dir, NodeCompat &out, std::string &error,
                    const std::string &cloudflareEnv)
{
    const std::string file = findWranglerConfig(dir);
    if (file.empty()) {
        error = "no wrangler.json, wrangler.jsonc or wrangler.toml in " + dir;
        return false;
    }
    nlohmann::json raw, config;
    std::vector<std::string> warnings;
    const std::string fileName = fs::path(file).filename().string();
    if (!readWranglerFile(file, raw, error) ||
        !selectWranglerEnvironment(raw, cloudflareEnv, fileName, config, warnings, error))
        return false;
    out = readNodeCompat(config, fileName);
    return true;
}

bool loadProjectConfig(const std::string &dir, const std::string &toolsJsDir, ProjectConfig &out,
                       std::string &error, const std::string &mode)
{
    ProjectLoadOptions options;
    options.mode = mode;
    return loadProjectConfig(dir, toolsJsDir, out, error, options);
}

bool loadProjectConfig(const std::string &dir, const std::string &toolsJsDir, ProjectConfig &out,
                       std::string &error, const ProjectLoadOptions &options)
{
    const std::string &mode = options.mode;
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        error = "project folder " + dir + " does not exist";
        return false;
    }
    // vite.config first: its cloudflare()/redwood() may name the wrangler config.
    ViteConfig vite;
    std::string testJson = "null";
    WorkersPoolOptions pool;
    bool hasProjects = false; // a Vitest root config whose test.projects run the tests
    if (options.readTestConfig) {
        VitestConfigRead read =
            !options.inlineVitestResultJson.empty()
                ? vitestConfigFromResult(options.inlineVitestResultJson, root.string())
                : readVitestConfig(root.string(), mode, toolsJsDir,
                                   (root / ".switchyard" / "test").string(), options.runGlobalSetup,
                                   options.vitestConfigFile);
        if (!read.vite.ok) {
            error = read.vite.error;
            return false;
        }
        vite = std::move(read.vite);
        testJson = read.testJson;
        const nlohmann::json test = nlohmann::json::parse(testJson, nullptr, false);
        hasProjects = test.is_object() && test.contains("projects") &&
                      test["projects"].is_array() && !test["projects"].empty();
        if (test.is_object() && test.contains("pool") &&
            !readWorkersPoolOptions(test["pool"], root.string(),
                                    fs::path(vite.file).filename().string(), pool, error))
            return false;
    } else {
        vite = readViteConfig(root.string(), mode, toolsJsDir, (root / ".switchyard").string());
    }
    fs::path configFile;
    std::vector<std::string> warnings;
    const fs::path fromSource = sourceConfigForBuildOutput(root, pool.wranglerConfigPath);
    if (!fromSource.empty()) {
        // rwsdk's Vitest guide points the pool at the build's wrangler.json
        // (`npm test` runs `vite build` first); Switchyard runs the source.
        warnings.push_back(vite.file + ": wrangler.configPath " + pool.wranglerConfigPath +
                           " is the Cloudflare Vite plugin's build output; Switchyard runs the "
                           "app from source with " +
                           fromSource.string() + " (no build needed)");
        configFile = fromSource;
    } else if (!pool.wranglerConfigPath.empty()) {
        configFile = pool.wranglerConfigPath;
        if (!fs::exists(configFile)) {
            error = vite.file + ": wrangler.configPath " + configFile.string() +
                    " (the wrangler config) does not exist";
            return false;
        }
    } else if (!vite.wranglerConfigPath.empty()) {
        configFile = vite.wranglerConfigPath;
        if (!fs::exists(configFile)) {
            error = vite.file + ": configPath " + configFile.string() +
                    " (the wrangler config) does not exist";
            return false;
        }
    } else {
        configFile = findWranglerConfig(root.string());
    }
    // A test config with the Workers pool needs no wrangler file (miniflare
    // options alone, as the pool allows).
    if (configFile.empty() && !pool.present && !hasProjects) {
        error = "no wrangler.json, wrangler.jsonc or wrangler.toml in " + root.string();
        return false;
    }
    const std::string fileName = configFile.empty() ? fs::path(vite.file).filename().string()
                                                    : configFile.filename().string();
    const std::string cloudflareEnv = selectedEnvironment(
        options.cloudflareEnv ? options.cloudflareEnv : pool.wranglerEnvironment);
    nlohmann::json raw = nlohmann::json::object(), config;
    if (!configFile.empty() && !readWranglerFile(configFile.string(), raw, error))
        return false;
    if (!selectWranglerEnvironment(raw, configFile.empty() ? std::string() : cloudflareEnv,
                                   configFile.empty() ? fileName : configFile.string(), config,
                                   warnings, error))
        return false;
    // A globalSetup may build the worker (`wrangler build`, `wrangler pages functions build
    // --watch`, as Cloudflare's examples do) and return before the first build is written:
    // the pool reads `main` only when its tests start, so its entry gets that long to appear.
    const nlohmann::json testBlock = nlohmann::json::parse(testJson, nullptr, false);
    const bool globalSetupRan = testBlock.is_object() && testBlock.value("globalSetupId", 0) > 0;
    auto appears = [&](const fs::path &file) {
        for (int waited = 0; globalSetupRan && !fs::exists(file) && waited < 15000; waited += 50)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return fs::exists(file);
    };
    // The pool's `main` wins over wrangler's (relative to the test config's folder).
    if (!pool.main.empty()) {
        if (!appears(pool.main)) {
            error = vite.file + ": the Workers pool's main " + pool.main + " does not exist";
            return false;
        }
        vite.workerEntry = pool.main;
    }
    const bool hasMain =
        config.is_object() && config.contains("main") && config["main"].is_string();
    if (!config.is_object() || (!hasMain && vite.workerEntry.empty() && !options.mainOptional)) {
        error = configFile.string() + ": \"main\" (the worker entry) is missing";
        return false;
    }
    // wrangler resolves its paths against the config's folder.
    const fs::path configDir = configFile.parent_path();
    out = ProjectConfig{};
    out.root = root.string();
    out.mode = mode;
    out.wranglerFile = configFile.string();
    out.name = config.value("name", root.filename().string());
    out.warnings = std::move(warnings);
    out.vitestTestJson = testJson;
    if (hasMain || !vite.workerEntry.empty()) {
        const fs::path entry =
            !vite.workerEntry.empty()
                ? fs::path(vite.workerEntry)
                : (configDir / config["main"].get<std::string>()).lexically_normal();
        if (!appears(entry)) {
            error = (!vite.workerEntry.empty() ? vite.file + ": entry.worker "
                                               : configFile.string() + ": worker entry ") +
                    entry.string() + " does not exist";
            return false;
        }
        out.workerEntry = fs::canonical(entry).string();
    } else {
        out.workerEntry = kNoMainEntryId;
        out.hasMain = false;
    }
    out.vite = std::move(vite);
    out.cloudflareEnv = cloudflareEnv;
    // "vars" is not inheritable: a selected environment has only its own
    // (selectWranglerEnvironment).
    if (config.contains("vars") && config["vars"].is_object())
        out.varsJson = config["vars"].dump();
    if (config.contains("define") && config["define"].is_object())
        for (const auto &[key, value] : config["define"].items()) {
            if (!value.is_string()) {
                error =
                    configFile.string() + ": define." + key +
                    " must be a string (a JavaScript expression, as \"\\\"text\\\"\" or \"42\")";
                return false;
            }
            out.workerDefine.emplace_back(key, value.get<std::string>());
        }
    if (!readStorageBindings(config, configDir, configFile.string(), out.bindings, error))
        return false;
    if (!readAssetsConfig(config, configDir.string(), out.root, !out.vite.file.empty(),
                          configFile.string(), out.assets, error))
        return false;
    for (const BindingDescriptor &b : out.bindings)
        if (out.assets.binding == b.name) {
            error = configFile.string() + ": the binding \"" + b.name + "\" is declared twice";
            return false;
        }
    out.workerBindings = readWorkerBindings(config, out.name);
    if (!readWorkerModuleRules(config, configFile.string(), out.moduleRules, error))
        return false;
    out.nodeCompat = readNodeCompat(config, fileName);
    for (std::string &w : unmodelledWranglerSettings(config, fileName))
        out.warnings.push_back(std::move(w));
    if (options.readTestConfig && !applyPoolOptions(pool, config, fileName, out, error))
        return false;
    // Service bindings are known once the pool's auxiliary workers are: name the ones to a
    // Worker that does not run here.
    for (const WorkerBinding &b : out.workerBindings)
        if (b.kind == "unsupported" &&
            (b.configKey == "services" || b.configKey == "miniflare.serviceBindings"))
            out.warnings.push_back(
                (b.configKey == "services" ? fileName : std::string("the Workers pool's options")) +
                ": " + b.configKey + " (" + b.name + "): " + b.type +
                ": not supported by Switchyard yet: env." + b.name +
                " fails with a \"not supported yet\" error when used");
    out.pool = std::move(pool);
    out.toolsJsDir = fs::weakly_canonical(toolsJsDir).string();
    out.cacheDir = (root / ".switchyard").string();
    out.framework = detectFramework(out.root);
    return true;
}

} // namespace sy
