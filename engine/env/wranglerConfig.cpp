#include "env/wranglerConfig.h"
#include "core/jsonc.h"

// toml++ is used header-only (TOML_HEADER_ONLY, set by engine/env/CMakeLists.txt):
// Debian's libtomlplusplus3 is no run-time dependency of the binary or the .deb.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char *kConfigNames[] = {"wrangler.json", "wrangler.jsonc", "wrangler.toml"};

// wrangler's normalizeAndValidateEnvironment: the keys an environment inherits
// from the top level when it does not set them (`inheritable(...)`).
const std::set<std::string> kInheritable = {"account_id",
                                            "workers_dev",
                                            "preview_urls",
                                            "route",
                                            "routes",
                                            "tsconfig",
                                            "jsx_factory",
                                            "jsx_fragment",
                                            "rules",
                                            "main",
                                            "compatibility_date",
                                            "compatibility_flags",
                                            "find_additional_modules",
                                            "preserve_file_names",
                                            "base_dir",
                                            "build",
                                            "triggers",
                                            "usage_model",
                                            "limits",
                                            "placement",
                                            "migrations",
                                            "exports",
                                            "logfwdr",
                                            "no_bundle",
                                            "minify",
                                            "keep_names",
                                            "first_party_worker",
                                            "logpush",
                                            "upload_source_maps",
                                            "observability",
                                            "access",
                                            "cache",
                                            "compliance_region",
                                            "python_modules",
                                            "previews",
                                            "assets",
                                            "zone_id",
                                            "node_compat"};

// Keys only the top level has (they are not part of an environment).
const std::set<std::string> kTopLevelOnly = {"$schema",
                                             "dev",
                                             "site",
                                             "alias",
                                             "keep_vars",
                                             "send_metrics",
                                             "legacy_env",
                                             "wasm_modules",
                                             "text_blobs",
                                             "data_blobs",
                                             "addresses",
                                             "pages_build_output_dir",
                                             "dependencies_instrumentation"};

// What Switchyard reads of a configuration (projectConfig.cpp and friends).
const std::set<std::string> kModelled = {
    "name",
    "main",
    "compatibility_date",
    "compatibility_flags",
    "vars",
    "define",
    "kv_namespaces",
    "d1_databases",
    "assets",
    "services", // workerBindings.h; the unsupported ones are named by projectConfig
    "rules",
    "env",
    "$schema"};

// Keys that only concern deploying (or wrangler's own bundling), not what a
// Worker does when it runs locally: never named.
const std::set<std::string> kDeployOnly = {"account_id",
                                           "workers_dev",
                                           "preview_urls",
                                           "route",
                                           "routes",
                                           "tsconfig",
                                           "jsx_factory",
                                           "jsx_fragment",
                                           "find_additional_modules",
                                           "preserve_file_names",
                                           "base_dir",
                                           "build",
                                           "usage_model",
                                           "limits",
                                           "placement",
                                           "no_bundle",
                                           "minify",
                                           "keep_names",
                                           "first_party_worker",
                                           "logpush",
                                           "upload_source_maps",
                                           "observability",
                                           "compliance_region",
                                           "python_modules",
                                           "previews",
                                           "zone_id",
                                           "keep_vars",
                                           "send_metrics",
                                           "legacy_env",
                                           "dev",
                                           "secrets",
                                           "access",
                                           "cache",
                                           "logfwdr",
                                           "addresses",
                                           "dependencies_instrumentation",
                                           "upload_source_maps",
                                           "triggers"};

// Binding kinds Switchyard does not model yet, with their words.
const std::vector<std::pair<const char *, const char *>> kUnmodelledBindings = {
    {"durable_objects", "Durable Object"},
    {"r2_buckets", "R2 bucket"},
    {"queues", "Queue"},
    {"workflows", "Workflow"},
    {"analytics_engine_datasets", "Analytics Engine dataset"},
    {"ai", "Workers AI"},
    {"images", "Images"},
    {"vectorize", "Vectorize index"},
    {"hyperdrive", "Hyperdrive"},
    {"browser", "Browser Rendering"},
    {"send_email", "Email"},
    {"dispatch_namespaces", "dispatch namespace"},
    {"mtls_certificates", "mTLS certificate"},
    {"secrets_store_secrets", "Secrets Store secret"},
    {"pipelines", "Pipeline"},
    {"ratelimits", "rate limiter"},
    {"worker_loaders", "Worker Loader"},
    {"version_metadata", "version metadata"},
    {"containers", "container"},
    {"unsafe", "unsafe binding"},
    {"tail_consumers", "tail consumer"},
    {"vpc_services", "VPC service"},
};

json tomlToJson(const toml::node &node)
{
    if (const toml::table *t = node.as_table()) {
        json out = json::object();
        for (auto &&[key, value] : *t)
            out[std::string(key.str())] = tomlToJson(value);
        return out;
    }
    if (const toml::array *a = node.as_array()) {
        json out = json::array();
        for (const toml::node &value : *a)
            out.push_back(tomlToJson(value));
        return out;
    }
    if (const auto *s = node.as_string())
        return s->get();
    if (const auto *i = node.as_integer())
        return i->get();
    if (const auto *f = node.as_floating_point())
        return f->get();
    if (const auto *b = node.as_boolean())
        return b->get();
    std::ostringstream text; // dates and times: their ISO 8601 text
    if (const auto *d = node.as_date())
        text << d->get();
    else if (const auto *t = node.as_time())
        text << t->get();
    else if (const auto *dt = node.as_date_time())
        text << dt->get();
    return text.str();
}

/// The binding names of one binding key's value (arrays of {binding|name}
/// objects, durable_objects.bindings, a single {binding} object).
std::vector<std::string> bindingNames(const json &value)
{
    std::vector<std::string> names;
    auto add = [&](const json &entry) {
        for (const char *key : {"binding", "name"})
            if (entry.is_object() && entry.contains(key) && entry[key].is_string()) {
                names.push_back(entry[key].get<std::string>());
                return;
            }
    };
    if (value.is_array())
        for (const json &entry : value)
            add(entry);
    else if (value.is_object() && value.contains("bindings") && value["bindings"].is_array())
        for (const json &entry : value["bindings"])
            add(entry);
    else if (value.is_object() && value.contains("producers") && value["producers"].is_array())
        for (const json &entry : value["producers"])
            add(entry);
    else
        add(value);
    return names;
}

bool isModelledCompatibilityFlag(const std::string &flag)
{
    static const std::set<std::string> nodeFlags = {"nodejs_compat", "nodejs_compat_v2",
                                                    "no_nodejs_compat", "no_nodejs_compat_v2",
                                                    "nodejs_als"};
    if (nodeFlags.count(flag))
        return true;
    // The node: module gates (env/nodeCompat.cpp: enable_/disable_nodejs_*_module(s)).
    const bool gate = flag.rfind("enable_nodejs_", 0) == 0 || flag.rfind("disable_nodejs_", 0) == 0;
    const bool module =
        flag.size() > 7 && (flag.ends_with("_module") || flag.ends_with("_modules"));
    return gate && module;
}

} // namespace

std::string findWranglerConfig(const std::string &dir)
{
    for (const char *name : kConfigNames) {
        std::error_code ec;
        const fs::path file = fs::path(dir) / name;
        if (fs::is_regular_file(file, ec))
            return file.string();
    }
    return {};
}

bool isWranglerConfigName(std::string_view fileName)
{
    return std::any_of(std::begin(kConfigNames), std::end(kConfigNames),
                       [&](const char *name) { return fileName == name; });
}

bool readWranglerFile(const std::string &file, json &out, std::string &error)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = file + ": cannot be read";
        return false;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (fs::path(file).extension() == ".toml") {
        try {
            const toml::table table = toml::parse(text, file);
            out = tomlToJson(table);
        } catch (const toml::parse_error &e) {
            error = file + ": line " + std::to_string(e.source().begin.line) + ", column " +
                    std::to_string(e.source().begin.column) + ": " + std::string(e.description());
            return false;
        }
        return true;
    }
    JsoncError syntax;
    if (!parseJsonc(text, out, syntax)) {
        error = file + ": " + syntax.text();
        return false;
    }
    if (!out.is_object()) {
        error = file + ": the top level must be an object";
        return false;
    }
    return true;
}

bool selectWranglerEnvironment(const json &raw, const std::string &envName,
                               const std::string &fileName, json &out,
                               std::vector<std::string> &warnings, std::string &error)
{
    out = json::object();
    if (!raw.is_object()) {
        error = fileName + ": the top level must be an object";
        return false;
    }
    for (const auto &[key, value] : raw.items())
        if (key != "env")
            out[key] = value;
    if (envName.empty())
        return true;
    const json *envs = raw.contains("env") && raw["env"].is_object() ? &raw["env"] : nullptr;
    if (!envs || !envs->contains(envName)) {
        std::string available;
        if (envs)
            for (const auto &[name, value] : envs->items())
                available += (available.empty() ? "\"" : ", \"") + name + "\"";
        const std::string message =
            fileName + ": no environment found in configuration with name \"" + envName +
            "\" (--env / CLOUDFLARE_ENV): add an [env." + envName + "] section" +
            (available.empty() ? std::string() : "; the configured environments are " + available);
        if (!available.empty()) {
            error = message;
            return false;
        }
        warnings.push_back(message + "; the top level is used");
        // wrangler still derives the environment's worker name.
        if (out.contains("name") && out["name"].is_string())
            out["name"] = out["name"].get<std::string>() + "-" + envName;
        return true;
    }
    const json &env = (*envs)[envName];
    if (!env.is_object()) {
        error = fileName + ": env." + envName + " must be a table/object";
        return false;
    }
    json selected = json::object();
    for (const auto &[key, value] : raw.items()) {
        if (key == "env")
            continue;
        if (kTopLevelOnly.count(key)) {
            selected[key] = value;
        } else if (key == "name") {
            if (!env.contains("name") && value.is_string())
                selected["name"] = value.get<std::string>() + "-" + envName;
        } else if (kInheritable.count(key)) {
            if (!env.contains(key))
                selected[key] = value;
        } else if (!env.contains(key)) {
            warnings.push_back(fileName + ": \"" + key +
                               "\" exists at the top level, but not on \"env." + envName +
                               "\"; it is not inherited by environments, so env." + envName +
                               " has none (add \"" + key + "\" to \"env." + envName + "\")");
        }
    }
    for (const auto &[key, value] : env.items())
        selected[key] = value;
    out = std::move(selected);
    return true;
}

std::vector<std::string> unmodelledWranglerSettings(const json &active, const std::string &fileName)
{
    std::vector<std::string> out;
    if (!active.is_object())
        return out;
    std::set<std::string> named;
    for (const auto &[key, what] : kUnmodelledBindings) {
        if (!active.contains(key))
            continue;
        named.insert(key);
        const std::vector<std::string> names = bindingNames(active[key]);
        std::string list;
        for (const std::string &n : names)
            list += (list.empty() ? "" : ", ") + n;
        out.push_back(fileName + ": " + key + (list.empty() ? "" : " (" + list + ")") + ": " +
                      what + " bindings are not supported by Switchyard yet: env." +
                      (names.empty() ? std::string("<binding>") : names.front()) +
                      " fails with a \"not supported yet\" error when used");
    }
    if (active.contains("compatibility_flags") && active["compatibility_flags"].is_array())
        for (const json &flag : active["compatibility_flags"])
            if (flag.is_string() && !isModelledCompatibilityFlag(flag.get<std::string>()))
                out.push_back(fileName + ": compatibility flag \"" + flag.get<std::string>() +
                              "\" is not modelled by Switchyard (its isolate behaves as without "
                              "it; only the Node.js compatibility flags are applied)");
    for (const auto &[key, value] : active.items()) {
        if (named.count(key) || kModelled.count(key) || kDeployOnly.count(key))
            continue;
        out.push_back(fileName + ": \"" + key + "\" is not modelled by Switchyard");
    }
    return out;
}

} // namespace sy
