#include "resolve/packageJson.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace sy {

namespace fs = std::filesystem;

const nlohmann::ordered_json *PackageJson::field(const char *key) const
{
    if (!parseOk || !data.is_object())
        return nullptr;
    auto it = data.find(key);
    return it == data.end() ? nullptr : &*it;
}

std::string PackageJson::stringField(const char *key) const
{
    const auto *v = field(key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::shared_ptr<const PackageJson> parsePackageJson(const fs::path &file, const std::string &text)
{
    auto pkg = std::make_shared<PackageJson>();
    pkg->file = file;
    pkg->dir = file.parent_path();
    try {
        pkg->data = nlohmann::ordered_json::parse(text);
        if (!pkg->data.is_object()) {
            pkg->parseError = "top-level value is not an object";
            pkg->data = nullptr;
            return pkg;
        }
        pkg->parseOk = true;
        pkg->name = pkg->stringField("name");
        pkg->version = pkg->stringField("version");
        pkg->type = pkg->stringField("type");
    } catch (const nlohmann::json::exception &e) {
        pkg->parseOk = false;
        pkg->parseError = e.what();
        pkg->data = nullptr;
    }
    return pkg;
}

namespace {

std::shared_ptr<const PackageJson> readPackageJson(const fs::path &file)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return nullptr;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        auto pkg = std::make_shared<PackageJson>();
        pkg->file = file;
        pkg->dir = file.parent_path();
        pkg->parseError = "cannot open file";
        return pkg;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parsePackageJson(file, ss.str());
}

} // namespace

std::shared_ptr<const PackageJson> PackageJsonCache::get(const fs::path &file) const
{
    const std::string key = file.string();
    {
        std::shared_lock lock(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end())
            return it->second;
    }
    auto pkg = readPackageJson(file); // outside the lock: I/O
    std::unique_lock lock(mutex_);
    auto [it, inserted] = entries_.emplace(key, pkg);
    return it->second; // a racing reader may have won; both parsed the same file
}

void PackageJsonCache::invalidate(const std::string &path)
{
    std::unique_lock lock(mutex_);
    entries_.erase(path);
    entries_.erase(fs::path(path).lexically_normal().string());
}

void PackageJsonCache::clear()
{
    std::unique_lock lock(mutex_);
    entries_.clear();
}

} // namespace sy
