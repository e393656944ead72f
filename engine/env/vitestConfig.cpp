#include "env/vitestConfig.h"

#include "env/embeddedModules.h"
#include "env/viteConfigCache.h"
#include "js/toolHost.h"

#include <QByteArray>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>

namespace sy {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char *kTool = "viteConfig";

ToolHost &tool(const std::string &toolsJsDir)
{
    ToolHost &host = ToolHost::shared(toolsJsDir);
    if (!host.hasTool(kTool))
        host.registerTool(kTool, std::string(embedded::kViteConfigTool));
    return host;
}

} // namespace

std::string findVitestConfig(const std::string &root)
{
    for (const char *name : {"vitest.config", "vite.config"})
        for (const char *ext : {".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"}) {
            const fs::path file = fs::path(root) / (std::string(name) + ext);
            std::error_code ec;
            if (fs::is_regular_file(file, ec))
                return file.string();
        }
    return {};
}

VitestConfigRead readVitestConfig(const std::string &root, const std::string &mode,
                                  const std::string &toolsJsDir, const std::string &cacheDir,
                                  bool runGlobalSetup, const std::string &configFile)
{
    VitestConfigRead out;
    const std::string file = configFile.empty() ? findVitestConfig(root) : configFile;
    if (file.empty())
        return out;
    // A config without globalSetup reads the same until an input changes:
    // cached as vite.config is (viteConfigCache.h), under command "test".
    const ViteConfigCacheKey cacheKey{root, file, mode, "test",
                                      std::string(embedded::kViteConfigTool)};
    auto fromResult = [&](const std::string &resultJson) {
        out.vite = viteConfigFromJson(resultJson, root);
        const json result = json::parse(resultJson, nullptr, false);
        if (result.is_object() && result.contains("test") && result["test"].is_object())
            out.testJson = result["test"].dump();
        return result;
    };
    if (const std::string cached = findCachedViteConfig(cacheDir, cacheKey); !cached.empty()) {
        fromResult(cached);
        return out;
    }
    const json args = {{"root", root},
                       {"file", file},
                       {"mode", mode},
                       {"command", "serve"},
                       {"cacheDir", cacheDir},
                       {"test", true},
                       {"runGlobalSetup", runGlobalSetup}};
    // globalSetup may start servers: allow it as long as a config read.
    const ToolCallResult r =
        tool(toolsJsDir)
            .call(kTool, "load", args.dump(-1, ' ', false, json::error_handler_t::replace),
                  std::chrono::seconds(120));
    if (!r.ok) {
        out.vite = viteConfigReadFailure(file, root, r.json, r.error, r.timedOut);
        return out;
    }
    const json result = fromResult(r.json);
    const bool hasGlobalSetup = result.contains("test") && result["test"].is_object() &&
                                !result["test"].value("globalSetup", json::array()).empty();
    const bool readItself = !result.value("selfReads", json::array()).empty(); // readD1Migrations
    const bool hasProjects = result.contains("test") && result["test"].is_object() &&
                             !result["test"].value("projects", json::array()).empty();
    // Handlers live in this read's tool host: a cached read would have none.
    const bool hasNodeHandlers = result.contains("test") && result["test"].is_object() &&
                                 result["test"].value("nodeHandlers", 0) > 0;
    if (!hasGlobalSetup && !readItself && !hasProjects && !hasNodeHandlers &&
        result.contains("inputs") && result["inputs"].is_array()) {
        std::vector<std::string> inputs;
        for (const json &i : result["inputs"])
            if (i.is_string())
                inputs.push_back(i.get<std::string>());
        storeCachedViteConfig(cacheDir, cacheKey, viteConfigWatchedFiles(cacheKey, inputs), r.json);
    }
    return out;
}

VitestConfigRead vitestConfigFromResult(const std::string &resultJson, const std::string &root)
{
    VitestConfigRead out;
    out.vite = viteConfigFromJson(resultJson, root);
    const json result = json::parse(resultJson, nullptr, false);
    if (result.is_object() && result.contains("test") && result["test"].is_object())
        out.testJson = result["test"].dump();
    return out;
}

std::vector<std::string> teardownVitestGlobalSetup(const std::string &toolsJsDir, int id)
{
    if (id <= 0)
        return {};
    const ToolCallResult r =
        tool(toolsJsDir).call(kTool, "teardown", json{{"id", id}}.dump(), std::chrono::seconds(60));
    if (!r.ok)
        return {r.timedOut ? std::string("globalSetup teardown took longer than 60 s") : r.error};
    std::vector<std::string> errors;
    const json result = json::parse(r.json, nullptr, false);
    if (result.is_object() && result.contains("errors") && result["errors"].is_array())
        for (const json &e : result["errors"])
            if (e.is_string())
                errors.push_back("globalSetup teardown: " + e.get<std::string>());
    return errors;
}

bool callVitestConfigHandler(const std::string &toolsJsDir, int id,
                             const NodeHandlerMessage &request, NodeHandlerMessage &response,
                             std::string &error, std::chrono::milliseconds timeout)
{
    json headers = json::array();
    for (const auto &[name, value] : request.headers)
        headers.push_back({name, value});
    json body = nullptr;
    if (request.body)
        body = QByteArray::fromRawData(reinterpret_cast<const char *>(request.body->data()),
                                       qsizetype(request.body->size()))
                   .toBase64()
                   .toStdString();
    const json args = {{"id", id},
                       {"method", request.method},
                       {"url", request.url},
                       {"headers", headers},
                       {"body", body}};
    const ToolCallResult r =
        tool(toolsJsDir)
            .call(kTool, "callNodeHandler",
                  args.dump(-1, ' ', false, json::error_handler_t::replace), timeout);
    if (!r.ok) {
        error = r.timedOut
                    ? "the handler took longer than " + std::to_string(timeout.count()) + " ms"
                    : r.error;
        return false;
    }
    const json out = json::parse(r.json, nullptr, false);
    if (!out.is_object() || !out.contains("status") || !out["status"].is_number_integer()) {
        error = "the handler's response could not be read";
        return false;
    }
    response.status = out["status"].get<int>();
    response.statusText = out.value("statusText", "");
    response.headers.clear();
    for (const json &h : out.value("headers", json::array()))
        if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
            response.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    response.body.reset();
    if (out.contains("body") && out["body"].is_string()) {
        const QByteArray bytes =
            QByteArray::fromBase64(QByteArray::fromStdString(out["body"].get<std::string>()));
        response.body = std::vector<uint8_t>(bytes.begin(), bytes.end());
    }
    return true;
}

} // namespace sy
