#include "env/workersPoolOptions.h"

#include "env/auxiliaryWorkers.h"

#include <filesystem>
#include <set>

namespace sy {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string absoluteIn(const std::string &root, const std::string &path)
{
    return (fs::path(root) / path).lexically_normal().string();
}

/// The id the config tool put in place of a function ({ nodeHandler: id }), else 0.
int nodeHandlerId(const json &value)
{
    if (value.is_object() && value.contains("nodeHandler") &&
        value["nodeHandler"].is_number_integer())
        return value["nodeHandler"].get<int>();
    return 0;
}

} // namespace

bool readMiniflareStorage(const json &value, BindingKind kind, const std::string &where,
                          std::vector<BindingDescriptor> &out, std::string &error)
{
    auto add = [&](const std::string &name, const std::string &id) {
        BindingDescriptor b;
        b.name = name;
        b.kind = kind;
        b.id = id;
        out.push_back(std::move(b));
    };
    if (value.is_array()) {
        for (const json &name : value) {
            if (!name.is_string()) {
                error = where + " must list binding names (strings)";
                return false;
            }
            add(name.get<std::string>(), {});
        }
        return true;
    }
    if (value.is_object()) {
        for (const auto &[name, id] : value.items()) {
            if (id.is_string())
                add(name, id.get<std::string>());
            else if (id.is_object() && id.contains("id") && id["id"].is_string())
                add(name, id["id"].get<std::string>());
            else
                add(name, {});
        }
        return true;
    }
    error = where + " must be an array of binding names or an object { BINDING: id }";
    return false;
}

bool readWorkersPoolOptions(const json &pool, const std::string &root, const std::string &fileName,
                            WorkersPoolOptions &out, std::string &error)
{
    out = WorkersPoolOptions{};
    if (!pool.is_object())
        return true;
    out.present = true;
    out.generation = pool.value("generation", std::string("plugin"));
    out.packageName = pool.value("package", std::string("@cloudflare/vitest-pool-workers"));
    const json options = pool.contains("options") ? pool["options"] : json::object();
    if (!options.is_object()) {
        error = fileName + ": the Workers pool's options must be an object";
        return false;
    }
    const std::string where =
        out.generation == "poolOptions" ? "test.poolOptions.workers" : "cloudflareTest()";
    for (const auto &[key, value] : options.items()) {
        if (value.is_null())
            continue;
        if (key == "main") {
            if (!value.is_string()) {
                error = fileName + ": " + where + " main must be a string (the worker's entry)";
                return false;
            }
            out.main = absoluteIn(root, value.get<std::string>());
        } else if (key == "wrangler") {
            if (!value.is_object()) {
                error = fileName + ": " + where +
                        " wrangler must be an object { configPath, environment }";
                return false;
            }
            if (value.contains("configPath") && value["configPath"].is_string())
                out.wranglerConfigPath = absoluteIn(root, value["configPath"].get<std::string>());
            if (value.contains("environment") && value["environment"].is_string())
                out.wranglerEnvironment = value["environment"].get<std::string>();
        } else if (key == "isolatedStorage" || key == "singleWorker") {
            if (!value.is_boolean()) {
                error = fileName + ": " + where + " " + key + " must be true or false";
                return false;
            }
            (key == "isolatedStorage" ? out.isolatedStorage : out.singleWorker) = value.get<bool>();
        } else if (key == "miniflare") {
            if (!value.is_object()) {
                error = fileName + ": " + where + " miniflare must be an object";
                return false;
            }
            for (const auto &[mfKey, mfValue] : value.items()) {
                const std::string at = fileName + ": " + where + " miniflare." + mfKey;
                if (mfValue.is_null())
                    continue;
                if (mfKey == "bindings") {
                    if (!mfValue.is_object()) {
                        error = at + " must be an object { NAME: value }";
                        return false;
                    }
                    out.bindings = mfValue;
                } else if (mfKey == "kvNamespaces" || mfKey == "d1Databases") {
                    if (!readMiniflareStorage(
                            mfValue, mfKey == "kvNamespaces" ? BindingKind::Kv : BindingKind::D1,
                            at, out.storage, error))
                        return false;
                } else if (mfKey == "serviceBindings" && mfValue.is_object()) {
                    for (const auto &[name, target] : mfValue.items()) {
                        if (const int id = nodeHandlerId(target); id > 0)
                            out.nodeServices.emplace_back(name, id);
                        else
                            out.serviceTargets.emplace_back(name, target);
                    }
                } else if (mfKey == "workers") {
                    if (!readAuxiliaryWorkers(mfValue, root, at, out.auxiliaryWorkers, out.warnings,
                                              error))
                        return false;
                } else if (mfKey == "outboundService" && nodeHandlerId(mfValue) > 0) {
                    out.outboundHandler = nodeHandlerId(mfValue);
                } else if (mfKey == "compatibilityDate" && mfValue.is_string()) {
                    out.compatibilityDate = mfValue.get<std::string>();
                } else if (mfKey == "compatibilityFlags" && mfValue.is_array()) {
                    std::vector<std::string> flags;
                    for (const json &f : mfValue)
                        if (f.is_string())
                            flags.push_back(f.get<std::string>());
                    out.compatibilityFlags = std::move(flags);
                } else {
                    std::string names;
                    if (mfValue.is_object())
                        for (const auto &[name, unused] : mfValue.items())
                            names += (names.empty() ? "" : ", ") + name;
                    out.warnings.push_back(at + (names.empty() ? "" : " (" + names + ")") +
                                           " is not supported by Switchyard yet (ignored)");
                }
            }
        } else if (key == "remoteBindings" || key == "experimental_remoteBindings") {
            if (value.is_boolean() && value.get<bool>())
                out.warnings.push_back(fileName + ": " + where + " " + key +
                                       " is not applied: Switchyard's bindings are local");
        } else if (key == "verbose") {
            // logging of the pool itself: nothing to apply
        } else {
            out.warnings.push_back(fileName + ": " + where + " option \"" + key +
                                   "\" is not applied by Switchyard");
        }
    }
    return true;
}

} // namespace sy
