#include "env/importMetaEnv.h"

#include "core/jsonText.h"

#include <nlohmann/json.hpp>

namespace sy {

std::string importMetaEnvJson(const EnvList &vars, const std::string &mode, bool ssr,
                              bool production)
{
    nlohmann::ordered_json env = nlohmann::ordered_json::object();
    for (const auto &[key, value] : vars)
        env[key] = value;
    env["BASE_URL"] = "/";
    env["MODE"] = mode;
    env["DEV"] = !production;
    env["PROD"] = production;
    env["SSR"] = ssr;
    return env.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool readsImportMetaEnv(const std::string &code, const LexedModule &lexed)
{
    for (const ImportSpan &imp : lexed.imports)
        if (imp.kind == ImportKind::ImportMeta && imp.e >= 0 &&
            code.compare(size_t(imp.e), 4, ".env") == 0)
            return true;
    return false;
}

std::string importMetaEnvPrelude(const std::string &json)
{
    return "import.meta.env = " + json + ";";
}

} // namespace sy
