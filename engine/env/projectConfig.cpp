#include "env/projectConfig.h"
#include "core/jsonc.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

bool loadNodeCompat(const std::string &dir, NodeCompat &out, std::string &error)
{
    fs::path configFile = fs::path(dir) / "wrangler.jsonc";
    if (!fs::exists(configFile))
        configFile = fs::path(dir) / "wrangler.json";
    std::ifstream in(configFile);
    if (!in) {
        error = "no wrangler.jsonc or wrangler.json in " + dir;
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json config;
    std::string syntaxError;
    if (!parseJsonc(text.str(), config, syntaxError)) {
        error = configFile.string() + ": " + syntaxError;
        return false;
    }
    out = readNodeCompat(config, configFile.filename().string());
    return true;
}

bool loadProjectConfig(const std::string &dir, const std::string &toolsJsDir, ProjectConfig &out,
                       std::string &error, const std::string &mode)
{
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        error = "project folder " + dir + " does not exist";
        return false;
    }
    // vite.config first: its cloudflare()/redwood() may name the wrangler config.
    ViteConfig vite =
        readViteConfig(root.string(), mode, toolsJsDir, (root / ".switchyard").string());
    fs::path configFile = root / "wrangler.jsonc";
    if (!vite.wranglerConfigPath.empty()) {
        configFile = vite.wranglerConfigPath;
        if (!fs::exists(configFile)) {
            error = vite.file + ": configPath " + configFile.string() +
                    " (the wrangler config) does not exist";
            return false;
        }
    } else if (!fs::exists(configFile)) {
        configFile = root / "wrangler.json";
    }
    if (!fs::exists(configFile)) {
        error = "no wrangler.jsonc or wrangler.json in " + root.string();
        return false;
    }
    std::ifstream in(configFile);
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json config;
    std::string syntaxError;
    if (!parseJsonc(text.str(), config, syntaxError)) {
        error = configFile.string() + ": " + syntaxError;
        return false;
    }
    const bool hasMain =
        config.is_object() && config.contains("main") && config["main"].is_string();
    if (!config.is_object() || (!hasMain && vite.workerEntry.empty())) {
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
    const fs::path entry = !vite.workerEntry.empty()
                               ? fs::path(vite.workerEntry)
                               : (configDir / config["main"].get<std::string>()).lexically_normal();
    if (!fs::exists(entry)) {
        error = (!vite.workerEntry.empty() ? vite.file + ": entry.worker "
                                           : configFile.string() + ": worker entry ") +
                entry.string() + " does not exist";
        return false;
    }
    out.workerEntry = fs::canonical(entry).string();
    out.vite = std::move(vite);
    if (const char *selected = std::getenv("CLOUDFLARE_ENV"); selected && *selected)
        out.cloudflareEnv = selected;
    if (config.contains("vars") && config["vars"].is_object())
        out.varsJson = config["vars"].dump();
    // "vars" is not inheritable: a selected environment has only its own.
    if (!out.cloudflareEnv.empty() && config.contains("env") && config["env"].is_object() &&
        config["env"].contains(out.cloudflareEnv)) {
        const nlohmann::json &selected = config["env"][out.cloudflareEnv];
        out.varsJson =
            selected.is_object() && selected.contains("vars") && selected["vars"].is_object()
                ? selected["vars"].dump()
                : std::string("{}");
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
    out.nodeCompat = readNodeCompat(config, configFile.filename().string());
    out.toolsJsDir = fs::weakly_canonical(toolsJsDir).string();
    out.cacheDir = (root / ".switchyard").string();
    out.framework = detectFramework(out.root);
    return true;
}

} // namespace sy
