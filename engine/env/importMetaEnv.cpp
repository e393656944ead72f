#include "env/importMetaEnv.h"

#include "core/jsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>

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

std::string withViteConfigEnv(const std::string &json, const std::optional<std::string> &base,
                              const std::vector<std::pair<std::string, std::string>> &define)
{
    constexpr std::string_view kPrefix = "import.meta.env.";
    bool any = base && !base->empty();
    for (const auto &entry : define)
        any = any || entry.first.rfind(kPrefix, 0) == 0;
    if (!any)
        return json;
    nlohmann::ordered_json env = nlohmann::ordered_json::parse(json, nullptr, false);
    if (!env.is_object())
        return json;
    if (base && !base->empty())
        env["BASE_URL"] = *base;
    std::string expressions; // define values that are code, not JSON
    for (const auto &[key, value] : define) {
        if (key.rfind(kPrefix, 0) != 0 || key.size() == kPrefix.size())
            continue;
        const std::string name = key.substr(kPrefix.size());
        nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(value, nullptr, false);
        if (!parsed.is_discarded()) {
            env[name] = std::move(parsed);
        } else {
            env.erase(name);
            std::string oneLine = value; // the prelude stays on line 1
            std::replace(oneLine.begin(), oneLine.end(), '\n', ' ');
            expressions += "," + nlohmann::json(name).dump() + ":" + oneLine;
        }
    }
    std::string out = env.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    if (!expressions.empty())
        out.insert(out.size() - 1, out.size() > 2 ? expressions : expressions.substr(1));
    return out;
}

std::string importMetaEnvPrelude(const std::string &json)
{
    return "import.meta.env = " + json + ";";
}

} // namespace sy
