#include "env/workerBindings.h"

#include <nlohmann/json.hpp>

namespace sy {

namespace {

std::string text(const nlohmann::json &e, const char *key)
{
    return e.is_object() && e.contains(key) && e[key].is_string() ? e[key].get<std::string>()
                                                                  : std::string();
}

// Adds an "unsupported" binding for each entry of `list` (an array, or one
// object) named by its `nameKey`.
void addUnsupported(std::vector<WorkerBinding> &out, const nlohmann::json *list,
                    const char *nameKey, const std::string &type, const std::string &configKey)
{
    if (!list)
        return;
    auto add = [&](const nlohmann::json &e) {
        const std::string name = text(e, nameKey);
        if (name.empty())
            return;
        WorkerBinding b;
        b.name = name;
        b.kind = "unsupported";
        b.type = type;
        b.configKey = configKey;
        out.push_back(std::move(b));
    };
    if (list->is_array())
        for (const auto &e : *list)
            add(e);
    else if (list->is_object())
        add(*list);
}

const nlohmann::json *member(const nlohmann::json &config, const char *key)
{
    return config.is_object() && config.contains(key) ? &config[key] : nullptr;
}

} // namespace

std::vector<WorkerBinding> readWorkerBindings(const nlohmann::json &config,
                                              const std::string &workerName)
{
    std::vector<WorkerBinding> out;
    if (const nlohmann::json *services = member(config, "services");
        services && services->is_array())
        for (const auto &e : *services) {
            WorkerBinding b;
            b.name = text(e, "binding");
            if (b.name.empty())
                continue;
            const std::string service = text(e, "service");
            b.configKey = "services";
            b.service = service;
            b.entrypoint = text(e, "entrypoint");
            if (b.entrypoint.empty())
                b.entrypoint = "default";
            if (e.contains("props") && e["props"].is_object())
                b.propsJson = e["props"].dump();
            if (service == workerName) {
                b.kind = "service";
                b.type = "service binding";
            } else {
                b.kind = "unsupported";
                b.type = "service binding to another Worker (\"" + service + "\")";
            }
            out.push_back(std::move(b));
        }
    if (const nlohmann::json *objects = member(config, "durable_objects"))
        addUnsupported(out, member(*objects, "bindings"), "name", "Durable Object namespace",
                       "durable_objects.bindings");
    addUnsupported(out, member(config, "r2_buckets"), "binding", "R2 bucket", "r2_buckets");
    if (const nlohmann::json *queues = member(config, "queues"))
        addUnsupported(out, member(*queues, "producers"), "binding", "Queue producer",
                       "queues.producers");
    addUnsupported(out, member(config, "workflows"), "binding", "Workflow", "workflows");
    addUnsupported(out, member(config, "analytics_engine_datasets"), "binding",
                   "Analytics Engine dataset", "analytics_engine_datasets");
    addUnsupported(out, member(config, "ai"), "binding", "Workers AI", "ai");
    addUnsupported(out, member(config, "vectorize"), "binding", "Vectorize index", "vectorize");
    addUnsupported(out, member(config, "hyperdrive"), "binding", "Hyperdrive", "hyperdrive");
    addUnsupported(out, member(config, "browser"), "binding", "Browser Rendering", "browser");
    addUnsupported(out, member(config, "send_email"), "name", "Email (send_email)", "send_email");
    addUnsupported(out, member(config, "dispatch_namespaces"), "binding", "dispatch namespace",
                   "dispatch_namespaces");
    addUnsupported(out, member(config, "mtls_certificates"), "binding", "mTLS certificate",
                   "mtls_certificates");
    addUnsupported(out, member(config, "secrets_store_secrets"), "binding", "Secrets Store secret",
                   "secrets_store_secrets");
    addUnsupported(out, member(config, "images"), "binding", "Images", "images");
    addUnsupported(out, member(config, "version_metadata"), "binding", "Version metadata",
                   "version_metadata");
    addUnsupported(out, member(config, "ratelimits"), "name", "Rate limiting", "ratelimits");
    addUnsupported(out, member(config, "pipelines"), "binding", "Pipeline", "pipelines");
    addUnsupported(out, member(config, "worker_loaders"), "binding", "Worker Loader",
                   "worker_loaders");
    addUnsupported(out, member(config, "vpc_services"), "binding", "VPC service", "vpc_services");
    if (const nlohmann::json *unsafe = member(config, "unsafe"))
        addUnsupported(out, member(*unsafe, "bindings"), "name", "unsafe binding",
                       "unsafe.bindings");
    return out;
}

std::string workerBindingsJson(const std::vector<WorkerBinding> &bindings)
{
    nlohmann::json list = nlohmann::json::array();
    for (const WorkerBinding &b : bindings) {
        nlohmann::json props = nlohmann::json::parse(b.propsJson, nullptr, false);
        list.push_back({{"name", b.name},
                        {"kind", b.kind},
                        {"type", b.type},
                        {"configKey", b.configKey},
                        {"service", b.service},
                        {"entrypoint", b.entrypoint},
                        {"props", props.is_discarded() ? nlohmann::json::object() : props},
                        {"handler", b.nodeHandler}});
    }
    return list.dump();
}

} // namespace sy
