#include "optimizer/depsMetadata.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;

namespace {
std::string relativeTo(const std::string &file, const std::string &dir)
{
    return fs::path(file).lexically_relative(dir).generic_string();
}
std::string absoluteIn(const std::string &rel, const std::string &dir)
{
    return (fs::path(dir) / rel).lexically_normal().generic_string();
}
} // namespace

std::string flattenId(const std::string &id)
{
    std::string out;
    for (char c : id) {
        if (c == '/' || c == ':')
            out += '_';
        else if (c == '.')
            out += "__";
        else
            out += c;
    }
    return out;
}

std::string DepsMetadata::toJson(const std::string &dir) const
{
    nlohmann::json optimizedJson = nlohmann::json::object();
    for (const auto &[id, info] : optimized) {
        optimizedJson[id] = {{"src", info.src},
                             {"file", relativeTo(info.file, dir)},
                             {"fileHash", info.fileHash},
                             {"browserHash", info.browserHash},
                             {"needsInterop", info.needsInterop}};
    }
    nlohmann::json chunksJson = nlohmann::json::object();
    for (const auto &[name, file] : chunks)
        chunksJson[name] = {{"file", relativeTo(file, dir)}};
    nlohmann::json j{{"hash", hash},
                     {"configHash", configHash},
                     {"lockfileHash", lockfileHash},
                     {"browserHash", browserHash},
                     {"optimized", optimizedJson},
                     {"chunks", chunksJson}};
    if (!packageModules.empty())
        j["packageModules"] = packageModules;
    if (inputsKnown)
        j["inputs"] = inputs;
    return j.dump(2);
}

std::optional<DepsMetadata> DepsMetadata::fromJson(const std::string &text, const std::string &dir)
{
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
        return std::nullopt;
    try {
        DepsMetadata m;
        m.hash = j.at("hash").get<std::string>();
        m.configHash = j.at("configHash").get<std::string>();
        m.lockfileHash = j.at("lockfileHash").get<std::string>();
        m.browserHash = j.at("browserHash").get<std::string>();
        for (const auto &[id, info] : j.at("optimized").items()) {
            OptimizedDepInfo d;
            d.id = id;
            d.src = info.at("src").get<std::string>();
            d.file = absoluteIn(info.at("file").get<std::string>(), dir);
            d.fileHash = info.at("fileHash").get<std::string>();
            d.browserHash = info.at("browserHash").get<std::string>();
            d.needsInterop = info.at("needsInterop").get<bool>();
            m.optimized.emplace(id, std::move(d));
        }
        for (const auto &[name, info] : j.at("chunks").items())
            m.chunks.emplace(name, absoluteIn(info.at("file").get<std::string>(), dir));
        if (j.contains("packageModules"))
            m.packageModules = j.at("packageModules").get<std::vector<std::string>>();
        if (j.contains("inputs")) {
            m.inputs = j.at("inputs").get<std::vector<std::string>>();
            m.inputsKnown = true;
        }
        return m;
    } catch (const nlohmann::json::exception &) {
        return std::nullopt;
    }
}

} // namespace sy
