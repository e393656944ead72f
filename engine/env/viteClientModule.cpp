#include "env/viteClientModule.h"

#include "core/jsonText.h"
#include "env/embeddedModules.h"
#include "env/environment.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sy {

namespace {
constexpr std::string_view kPlaceholder = "__SWITCHYARD_HMR_CONFIG__";
}

std::string viteClientSource(const ViteClientConfig &config)
{
    std::string code(embedded::kViteClientModule);
    const size_t at = code.find(kPlaceholder);
    // The bundle is built with the engine: a missing placeholder is a build defect.
    if (at == std::string::npos || code.find(kPlaceholder, at + 1) != std::string::npos)
        throw std::logic_error(
            "the bundled /@vite/client must hold __SWITCHYARD_HMR_CONFIG__ once");
    const nlohmann::json values = {{"token", config.token},
                                   {"path", config.hmrPath},
                                   {"serverUpdateEvent", config.serverUpdateEvent},
                                   {"preBundleUrlPrefix", config.preBundleUrlPrefix}};
    code.replace(at, kPlaceholder.size(), dumpJson(values));
    return code;
}

void addViteClientModule(Environment &client, const ViteClientConfig &config)
{
    const std::string id(kViteClientId);
    client.addVirtualModule(id, {std::string(kViteClientUrl)},
                            [source = viteClientSource(config)] { return source; });
    client.serveVirtualModuleAt(id, std::string(kViteClientUrl));
    client.invalidateModule(id, "new /@vite/client settings");
}

} // namespace sy
