#include "env/assetsConfig.h"

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;

namespace {
template <size_t N>
bool oneOf(const nlohmann::json &assets, const char *key, const std::array<const char *, N> &values,
           const std::string &file, std::string &out, std::string &error)
{
    if (!assets.contains(key))
        return true;
    const nlohmann::json &value = assets[key];
    std::string accepted;
    for (const char *v : values) {
        accepted += std::string(accepted.empty() ? "" : ", ") + "\"" + v + "\"";
        if (value.is_string() && value.get<std::string>() == v) {
            out = v;
            return true;
        }
    }
    error =
        file + ": assets." + key + " must be one of " + accepted + " (got " + value.dump() + ")";
    return false;
}
} // namespace

bool readAssetsConfig(const nlohmann::json &config, const std::string &configDir,
                      const std::string &root, bool viteApp, const std::string &file,
                      AssetsConfig &out, std::string &error)
{
    out = AssetsConfig{};
    if (!config.is_object() || !config.contains("assets"))
        return true;
    const nlohmann::json &assets = config["assets"];
    if (!assets.is_object()) {
        error = file + ": \"assets\" must be an object ({ \"binding\": \"ASSETS\", "
                       "\"directory\": \"./public\" })";
        return false;
    }
    out.declared = true;
    if (assets.contains("run_worker_first")) {
        const nlohmann::json &first = assets["run_worker_first"];
        bool ok = first.is_boolean() || first.is_array();
        if (first.is_boolean())
            out.runWorkerFirst = first.get<bool>();
        else if (first.is_array())
            for (const nlohmann::json &route : first) {
                ok = ok && route.is_string();
                if (route.is_string())
                    out.runWorkerFirstRoutes.push_back(route.get<std::string>());
            }
        if (!ok) {
            error = file + ": assets.run_worker_first must be true, false or an array of route "
                           "patterns (\"/api/*\", \"!/api/docs/*\")";
            return false;
        }
    }
    if (assets.contains("binding")) {
        if (!assets["binding"].is_string() || assets["binding"].get<std::string>().empty()) {
            error = file + ": assets.binding (the env property, a string) must be a name";
            return false;
        }
        out.binding = assets["binding"].get<std::string>();
    }
    std::string directory;
    if (assets.contains("directory")) {
        if (!assets["directory"].is_string()) {
            error = file + ": assets.directory must be a string (a folder)";
            return false;
        }
        directory = assets["directory"].get<std::string>();
    }
    const fs::path publicDir = fs::path(root) / "public";
    out.directory = (viteApp || directory.empty() ? publicDir : fs::path(configDir) / directory)
                        .lexically_normal()
                        .string();
    if (out.directory.size() > 1 && out.directory.back() == '/')
        out.directory.pop_back();
    return oneOf(assets, "html_handling",
                 std::array{"auto-trailing-slash", "force-trailing-slash", "drop-trailing-slash",
                            "none"},
                 file, out.htmlHandling, error) &&
           oneOf(assets, "not_found_handling",
                 std::array{"single-page-application", "404-page", "none"}, file,
                 out.notFoundHandling, error);
}

} // namespace sy
