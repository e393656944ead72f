#include "env/auxiliaryWorkers.h"

#include "env/workersPoolOptions.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace sy {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// miniflare's kCurrentWorker (Symbol.for("miniflare.kCurrentWorker")) as the
/// config tool writes a symbol.
constexpr const char *kCurrentWorkerText = "Symbol(miniflare.kCurrentWorker)";

/// miniflare WorkerOptions keys of binding types Switchyard does not model: what
/// env.NAME's error calls them.
struct UnmodelledKey {
    const char *key;
    const char *type;
};
constexpr UnmodelledKey kUnmodelled[] = {
    {"durableObjects", "Durable Object namespace"},
    {"r2Buckets", "R2 bucket"},
    {"queueProducers", "Queue producer"},
    {"workflows", "Workflow"},
    {"analyticsEngineDatasets", "Analytics Engine dataset"},
    {"hyperdrives", "Hyperdrive"},
    {"ratelimits", "Rate limiting"},
    {"secretsStoreSecrets", "Secrets Store secret"},
    {"dispatchNamespaces", "dispatch namespace"},
    {"email", "Email (send_email)"},
};

/// Options that change nothing Switchyard runs (the isolate's compatibility
/// settings apply to every realm; routes and logging have no meaning in a test).
const std::set<std::string> kIgnoredQuietly = {
    "name",
    "modules",
    "scriptPath",
    "script",
    "modulesRoot",
    "modulesRules",
    "compatibilityDate",
    "compatibilityFlags",
    "bindings",
    "kvNamespaces",
    "d1Databases",
    "serviceBindings",
    "outboundService",
    "routes",
    "unsafeEphemeralDurableObjects",
};

std::string text(const json &value, const char *key)
{
    return value.is_object() && value.contains(key) && value[key].is_string()
               ? value[key].get<std::string>()
               : std::string();
}

/// Names of an object's keys, or of an array's string / { name } / { binding } items.
std::vector<std::string> bindingNames(const json &value)
{
    std::vector<std::string> names;
    if (value.is_object())
        for (const auto &[name, unused] : value.items())
            names.push_back(name);
    else if (value.is_array())
        for (const json &item : value) {
            if (item.is_string())
                names.push_back(item.get<std::string>());
            else if (const std::string n = text(item, "name"); !n.empty())
                names.push_back(n);
            else if (const std::string b = text(item, "binding"); !b.empty())
                names.push_back(b);
        }
    return names;
}

bool readOne(const json &entry, const std::string &root, const std::string &at,
             AuxiliaryWorker &worker, std::vector<std::string> &warnings, std::string &error)
{
    if (!entry.is_object()) {
        error = at + " must list objects (miniflare WorkerOptions)";
        return false;
    }
    worker.name = text(entry, "name");
    if (worker.name.empty()) {
        error = at + ": an auxiliary worker needs a `name` (what service bindings name)";
        return false;
    }
    const std::string where = at + " \"" + worker.name + "\"";
    if (entry.contains("modules") && entry["modules"].is_boolean() &&
        !entry["modules"].get<bool>() &&
        (entry.contains("script") || entry.contains("scriptPath"))) {
        error = where + ": a service-worker script (modules: false) is not supported by "
                        "Switchyard: give `modules: true` and an ES module";
        return false;
    }
    const std::string scriptPath = text(entry, "scriptPath");
    if (!scriptPath.empty()) {
        worker.entryPath = (fs::path(root) / scriptPath).lexically_normal().string();
    } else if (const std::string script = text(entry, "script"); !script.empty()) {
        worker.inlineModules.emplace_back("index.js", script);
    } else if (entry.contains("modules") && entry["modules"].is_array()) {
        const std::string modulesRoot =
            (fs::path(root) / text(entry, "modulesRoot")).lexically_normal().string();
        for (const json &m : entry["modules"]) {
            const std::string path = text(m, "path");
            if (path.empty())
                continue;
            if (m.contains("contents") && m["contents"].is_string())
                worker.inlineModules.emplace_back(path, m["contents"].get<std::string>());
            else if (worker.entryPath.empty() && worker.inlineModules.empty())
                worker.entryPath = (fs::path(modulesRoot) / path).lexically_normal().string();
        }
    }
    if (worker.entryPath.empty() && worker.inlineModules.empty()) {
        error = where + ": no main module (give `scriptPath`, `script` or `modules`)";
        return false;
    }
    if (entry.contains("bindings") && entry["bindings"].is_object())
        worker.varsJson = entry["bindings"].dump();
    for (const char *key : {"kvNamespaces", "d1Databases"})
        if (entry.contains(key) && !entry[key].is_null() &&
            !readMiniflareStorage(
                entry[key], std::string(key) == "kvNamespaces" ? BindingKind::Kv : BindingKind::D1,
                where + " " + key, worker.storage, error))
            return false;
    if (entry.contains("serviceBindings") && entry["serviceBindings"].is_object())
        for (const auto &[name, target] : entry["serviceBindings"].items())
            worker.serviceTargets.emplace_back(name, target);
    if (entry.contains("outboundService") && entry["outboundService"].is_object() &&
        entry["outboundService"].contains("nodeHandler"))
        worker.outboundHandler = entry["outboundService"].value("nodeHandler", 0);
    for (const auto &[key, value] : entry.items()) {
        if (value.is_null() || kIgnoredQuietly.count(key))
            continue;
        const auto unmodelled = std::find_if(std::begin(kUnmodelled), std::end(kUnmodelled),
                                             [&](const UnmodelledKey &u) { return key == u.key; });
        if (unmodelled == std::end(kUnmodelled)) {
            warnings.push_back(where + " option \"" + key + "\" is not applied by Switchyard");
            continue;
        }
        for (const std::string &name : bindingNames(value)) {
            WorkerBinding b;
            b.name = name;
            b.kind = "unsupported";
            b.type = unmodelled->type;
            b.configKey = "miniflare.workers[\"" + worker.name + "\"]." + key;
            worker.unsupported.push_back(std::move(b));
        }
    }
    return true;
}

} // namespace

bool readAuxiliaryWorkers(const json &workers, const std::string &root, const std::string &at,
                          std::vector<AuxiliaryWorker> &out, std::vector<std::string> &warnings,
                          std::string &error)
{
    if (!workers.is_array()) {
        error = at + " must be an array of miniflare WorkerOptions";
        return false;
    }
    for (const json &entry : workers) {
        AuxiliaryWorker worker;
        if (!readOne(entry, root, at, worker, warnings, error))
            return false;
        for (const AuxiliaryWorker &other : out)
            if (other.name == worker.name) {
                error = at + ": two auxiliary workers are named \"" + worker.name + "\"";
                return false;
            }
        out.push_back(std::move(worker));
    }
    return true;
}

WorkerBinding serviceBindingFor(const std::string &name, const json &target,
                                const std::string &selfName,
                                const std::vector<std::string> &auxiliaryNames)
{
    WorkerBinding b;
    b.name = name;
    b.configKey = "miniflare.serviceBindings";
    b.entrypoint = "default";
    std::string service;
    if (target.is_string()) {
        service = target.get<std::string>();
    } else if (target.is_object()) {
        if (target.contains("nodeHandler")) {
            b.kind = "node";
            b.type = "service binding to a function of the Vitest config";
            b.nodeHandler = target.value("nodeHandler", 0);
            return b;
        }
        service = text(target, "name");
        if (const std::string e = text(target, "entrypoint"); !e.empty())
            b.entrypoint = e;
        if (target.contains("props") && target["props"].is_object())
            b.propsJson = target["props"].dump();
        if (service.empty() && !target.contains("name"))
            service = kCurrentWorkerText; // { entrypoint } alone: this worker
        if (target.contains("network") || target.contains("external") || target.contains("disk")) {
            b.kind = "unsupported";
            b.type = "service binding to a network, external or disk service";
            return b;
        }
    }
    b.service = service;
    if (service == kCurrentWorkerText || (!selfName.empty() && service == selfName)) {
        b.kind = "service";
        b.type = "service binding";
        b.service = selfName;
    } else if (std::find(auxiliaryNames.begin(), auxiliaryNames.end(), service) !=
               auxiliaryNames.end()) {
        b.kind = "worker";
        b.type = "service binding to the auxiliary Worker \"" + service + "\"";
    } else {
        b.kind = "unsupported";
        b.type = "service binding to the Worker \"" + service +
                 "\", which is neither this Worker nor one of miniflare.workers";
    }
    return b;
}

void bindServicesToAuxiliaryWorkers(std::vector<WorkerBinding> &bindings,
                                    const std::vector<std::string> &auxiliaryNames)
{
    for (WorkerBinding &b : bindings)
        if (b.configKey == "services" && b.kind == "unsupported" &&
            std::find(auxiliaryNames.begin(), auxiliaryNames.end(), b.service) !=
                auxiliaryNames.end()) {
            b.kind = "worker";
            b.type = "service binding to the auxiliary Worker \"" + b.service + "\"";
        }
}

bool resolveServiceBindings(const std::vector<std::pair<std::string, json>> &serviceTargets,
                            const std::string &selfName, const std::string &cacheDir,
                            std::vector<WorkerBinding> &bindings,
                            std::vector<AuxiliaryWorker> &workers, std::string &error)
{
    std::vector<std::string> names;
    for (const AuxiliaryWorker &w : workers)
        names.push_back(w.name);
    for (const auto &[name, target] : serviceTargets) {
        std::erase_if(bindings, [&](const WorkerBinding &b) { return b.name == name; });
        bindings.push_back(serviceBindingFor(name, target, selfName, names));
    }
    bindServicesToAuxiliaryWorkers(bindings, names);
    for (AuxiliaryWorker &w : workers) {
        if (!writeInlineModules(w, cacheDir, error))
            return false;
        // Its peers: the other auxiliary workers and the runner worker.
        std::vector<std::string> peers;
        for (const std::string &n : names)
            if (n != w.name)
                peers.push_back(n);
        if (!selfName.empty())
            peers.push_back(selfName);
        w.bindings.clear();
        for (const auto &[name, target] : w.serviceTargets) {
            WorkerBinding b = serviceBindingFor(name, target, w.name, peers);
            b.configKey = "miniflare.workers[\"" + w.name + "\"].serviceBindings";
            w.bindings.push_back(std::move(b));
        }
        if (w.outboundHandler > 0) {
            WorkerBinding b;
            b.kind = "outbound";
            b.type = "miniflare outboundService";
            b.configKey = "miniflare.workers[\"" + w.name + "\"].outboundService";
            b.nodeHandler = w.outboundHandler;
            w.bindings.push_back(std::move(b));
        }
        for (const WorkerBinding &u : w.unsupported)
            w.bindings.push_back(u);
    }
    return true;
}

bool writeInlineModules(AuxiliaryWorker &worker, const std::string &cacheDir, std::string &error)
{
    if (worker.inlineModules.empty())
        return true;
    const fs::path folder = fs::path(cacheDir) / "auxiliary-workers" / worker.name;
    for (const auto &[relative, source] : worker.inlineModules) {
        const fs::path file = (folder / relative).lexically_normal();
        const fs::path inside = file.lexically_relative(folder);
        if (inside.empty() || *inside.begin() == ".." || fs::path(relative).is_absolute()) {
            error = "auxiliary worker \"" + worker.name + "\": module path \"" + relative +
                    "\" leaves its folder";
            return false;
        }
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        std::string current;
        if (std::ifstream in(file, std::ios::binary); in)
            current.assign(std::istreambuf_iterator<char>(in), {});
        if (current != source) {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << source;
            if (!out) {
                error = "auxiliary worker \"" + worker.name + "\": cannot write " + file.string();
                return false;
            }
        }
        if (worker.entryPath.empty())
            worker.entryPath = file.string();
    }
    return true;
}

} // namespace sy
