#include "testing/nodeHandlerHost.h"

#include "env/vitestConfig.h"

#include <nlohmann/json.hpp>

namespace sy {

using json = nlohmann::json;

NodeHandlerHost::NodeHandlerHost(std::string toolsJsDir, std::shared_ptr<BindingHost> inner)
    : m_toolsJsDir(std::move(toolsJsDir)), m_inner(std::move(inner))
{
}

BindingResult NodeHandlerHost::call(std::string_view binding, std::string_view op,
                                    std::string_view argsJson, std::span<const uint8_t> bytes)
{
    if (binding != kBinding)
        return forwardBindingCall(m_inner.get(), binding, op, argsJson, bytes);
    const json args = json::parse(argsJson, nullptr, false);
    if (op != "fetch" || !args.is_object() || !args.contains("handler") ||
        !args["handler"].is_number_integer())
        return BindingResult::error("node handler: unknown call " + std::string(op));
    NodeHandlerMessage request;
    request.method = args.value("method", "GET");
    request.url = args.value("url", "");
    for (const json &h : args.value("headers", json::array()))
        if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
            request.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    if (args.value("hasBody", false))
        request.body = std::vector<uint8_t>(bytes.begin(), bytes.end());
    NodeHandlerMessage response;
    std::string error;
    if (!callVitestConfigHandler(m_toolsJsDir, args["handler"].get<int>(), request, response,
                                 error))
        return BindingResult::error("the Vitest config's handler for " + request.method + " " +
                                    request.url + " failed: " + error);
    json headers = json::array();
    for (const auto &[name, value] : response.headers)
        headers.push_back({name, value});
    const json head = {{"status", response.status},
                       {"statusText", response.statusText},
                       {"headers", headers},
                       {"hasBody", response.body.has_value()}};
    return BindingResult::success(head.dump(-1, ' ', false, json::error_handler_t::replace),
                                  response.body.value_or(std::vector<uint8_t>{}));
}

} // namespace sy
