#include "env/viteConfigCache.h"

#include "core/hash.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char **environ;

namespace sy {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char *kCacheFile = "vite-config.json";
constexpr int kFormat = 3;

/// SHA-256 of the key's fields.
std::string keyHash(const ViteConfigCacheKey &key)
{
    std::string data;
    for (const std::string *part : {&key.root, &key.file, &key.mode, &key.command, &key.toolSource})
        data += *part + '\0';
    return sha256Hex(data);
}

/// SHA-256 of the whole process environment, sorted (for a config that
/// enumerated process.env).
std::string environmentHash()
{
    std::vector<std::string> env;
    for (char **e = environ; e && *e; ++e)
        env.emplace_back(*e);
    std::sort(env.begin(), env.end());
    std::string data;
    for (const std::string &e : env)
        data += e + '\0';
    return sha256Hex(data);
}

/// The environment one read depended on, from the tool's `envReads`
/// ({names, all}: the variables the config's evaluation looked up, and
/// whether it enumerated them all): {values: {name: value or null}} or
/// {all: hash of the whole environment}. A result without `envReads` counts
/// as having enumerated everything.
json environmentState(const json &envReads)
{
    if (!envReads.is_object() || envReads.value("all", true) || !envReads.contains("names") ||
        !envReads["names"].is_array())
        return {{"all", environmentHash()}};
    json values = json::object();
    for (const json &name : envReads["names"]) {
        if (!name.is_string())
            continue;
        const char *value = std::getenv(name.get<std::string>().c_str());
        values[name.get<std::string>()] = value ? json(value) : json(nullptr);
    }
    return {{"values", values}};
}

/// True when the environment still gives what `recorded` (environmentState) saw.
bool environmentUnchanged(const json &recorded)
{
    if (!recorded.is_object())
        return false;
    if (recorded.contains("all"))
        return recorded["all"] == environmentHash();
    if (!recorded.contains("values") || !recorded["values"].is_object())
        return false;
    for (const auto &[name, value] : recorded["values"].items()) {
        const char *now = std::getenv(name.c_str());
        if (now ? value != json(now) : !value.is_null())
            return false;
    }
    return true;
}

/// Files up to this size are compared by content too (mtimes are only as fine
/// as the kernel's clock tick: a same-size rewrite within it keeps the mtime).
constexpr std::uintmax_t kHashedBytes = 4 * 1024 * 1024;

/// {path, size, mtime, sha256} of a file now; size -1 when it does not exist.
json fileState(const std::string &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return {{"path", path}, {"size", -1}, {"mtime", 0}, {"sha256", ""}};
    const auto mtime = fs::last_write_time(path, ec);
    const long long ns =
        ec ? 0
           : std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
    std::string digest;
    if (size <= kHashedBytes) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        digest = sha256Hex(bytes.str());
    }
    return {
        {"path", path}, {"size", static_cast<long long>(size)}, {"mtime", ns}, {"sha256", digest}};
}

} // namespace

std::vector<std::string> viteConfigWatchedFiles(const ViteConfigCacheKey &key,
                                                const std::vector<std::string> &bundled)
{
    const fs::path root(key.root);
    std::vector<std::string> out = bundled;
    out.push_back(key.file);
    for (const char *name : {"package.json", "package-lock.json", "node_modules/.package-lock.json",
                             ".env", ".env.local"})
        out.push_back((root / name).string());
    out.push_back((root / (".env." + key.mode)).string());
    out.push_back((root / (".env." + key.mode + ".local")).string());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string findCachedViteConfig(const std::string &cacheDir, const ViteConfigCacheKey &key)
{
    std::ifstream in(fs::path(cacheDir) / kCacheFile);
    if (!in)
        return {};
    std::stringstream text;
    text << in.rdbuf();
    const json cached = json::parse(text.str(), nullptr, false);
    if (!cached.is_object() || cached.value("format", 0) != kFormat ||
        cached.value("key", std::string()) != keyHash(key) || !cached.contains("files") ||
        !cached["files"].is_array() || !cached.contains("result") ||
        !environmentUnchanged(cached.value("env", json())))
        return {};
    for (const json &recorded : cached["files"]) {
        if (!recorded.is_object() || !recorded.contains("path") || !recorded["path"].is_string())
            return {};
        if (fileState(recorded["path"].get<std::string>()) != recorded)
            return {};
    }
    return cached["result"].dump();
}

void storeCachedViteConfig(const std::string &cacheDir, const ViteConfigCacheKey &key,
                           const std::vector<std::string> &files, const std::string &resultJson)
{
    const json result = json::parse(resultJson, nullptr, false);
    if (result.is_discarded())
        return;
    json states = json::array();
    for (const std::string &file : files)
        states.push_back(fileState(file));
    const json cached = {{"format", kFormat},
                         {"key", keyHash(key)},
                         {"env", environmentState(result.value("envReads", json()))},
                         {"files", states},
                         {"result", result}};
    std::error_code ec;
    fs::create_directories(cacheDir, ec);
    const fs::path target = fs::path(cacheDir) / kCacheFile;
    const fs::path temp = fs::path(cacheDir) / (std::string(kCacheFile) + ".tmp");
    {
        std::ofstream out(temp, std::ios::trunc);
        if (!out)
            return;
        out << cached.dump();
        if (!out)
            return;
    }
    fs::rename(temp, target, ec);
}

} // namespace sy
