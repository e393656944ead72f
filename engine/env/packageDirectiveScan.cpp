#include "env/packageDirectiveScan.h"

#include "env/directiveIndex.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <set>

namespace sy {

namespace fs = std::filesystem;

namespace {
/// False when `file` surely has no directive prologue: after a hashbang,
/// whitespace and comments, its first 512 bytes show no string literal.
/// Most package files start with code, so a scan mostly stops here.
bool mayHaveDirective(const std::string &file)
{
    char head[512];
    std::ifstream in(file, std::ios::binary);
    in.read(head, sizeof head);
    const std::string_view text(head, size_t(in.gcount()));
    size_t i = text.substr(0, 2) == "#!" ? text.find('\n') : 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') {
            ++i;
        } else if (text.substr(i, 2) == "//") {
            i = text.find('\n', i);
        } else if (text.substr(i, 2) == "/*") {
            i = text.find("*/", i + 2);
            if (i != std::string_view::npos)
                i += 2;
        } else {
            return c == '"' || c == '\'';
        }
    }
    return i == std::string_view::npos; // the head ended in a comment: read on to know
}

/// A module a package may ship with a directive (declaration files never have one).
bool isPackageScript(const fs::path &p)
{
    static const std::set<std::string> kExtensions{".js", ".mjs", ".cjs", ".jsx",
                                                   ".ts", ".mts", ".tsx"};
    const std::string name = p.filename().string();
    return kExtensions.count(p.extension().string()) &&
           !(name.size() > 5 && name.compare(name.size() - 5, 5, ".d.ts") == 0);
}

/// The files below one real package folder whose prologue has "use client" or
/// "use server" (a pure function of the files: shared by every index of the
/// process, see packageDirectiveFiles).
std::vector<std::string> scanPackageFolder(const std::string &folder)
{
    std::vector<std::string> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (it->is_symlink(ec))
            continue; // never followed (a link to a folder is not recursed into either)
        if (it->is_directory(ec)) {
            const std::string name = it->path().filename().string();
            if (name == "node_modules" || name.front() == '.')
                it.disable_recursion_pending();
            continue;
        }
        if (!isPackageScript(it->path()))
            continue;
        const std::string file = it->path().string();
        if (!mayHaveDirective(file))
            continue;
        const std::set<std::string> directives = DirectiveIndex::prologueDirectivesOfFile(file);
        if (directives.count("use client") || directives.count("use server"))
            found.push_back(file);
    }
    std::sort(found.begin(), found.end());
    return found;
}

/// The process's package scans: real folder -> (its package.json's size and
/// mtime when scanned, the scan). A package reinstalled in another version
/// has another package.json, so it is scanned again.
struct PackageScans {
    std::mutex mutex;
    std::map<std::string, std::pair<std::string, std::shared_future<std::vector<std::string>>>>
        scans;
    std::future<void> ahead; ///< prescanDependencyDirectivesAhead's scan (joined at exit)
};

PackageScans &packageScans()
{
    static PackageScans scans;
    return scans;
}

std::string packageStamp(const std::string &folder)
{
    std::error_code ec;
    const fs::path manifest = fs::path(folder) / "package.json";
    const auto size = fs::file_size(manifest, ec);
    if (ec)
        return {};
    const auto mtime = fs::last_write_time(manifest, ec);
    return std::to_string(size) + ':' + std::to_string(mtime.time_since_epoch().count());
}

/// The real package folders of `root`'s package.json `dependencies`.
std::set<std::string> dependencyFolders(const std::string &root)
{
    std::set<std::string> folders;
    std::ifstream in(fs::path(root) / "package.json");
    const nlohmann::json pkg = nlohmann::json::parse(in, nullptr, false);
    if (!pkg.is_object() || !pkg.contains("dependencies") || !pkg["dependencies"].is_object())
        return folders;
    for (const auto &[name, range] : pkg["dependencies"].items()) {
        std::error_code ec;
        if (const fs::path real = fs::canonical(fs::path(root) / "node_modules" / name, ec); !ec)
            folders.insert(real.string());
    }
    return folders;
}
} // namespace

// Made now by this caller, or being made (or made) by another.
std::vector<std::string> packageDirectiveFiles(const std::string &folder)
{
    PackageScans &cache = packageScans();
    const std::string stamp = packageStamp(folder);
    std::shared_future<std::vector<std::string>> scan;
    std::promise<std::vector<std::string>> mine;
    bool scanHere = false;
    {
        std::lock_guard lock(cache.mutex);
        auto known = cache.scans.find(folder);
        if (known == cache.scans.end() || known->second.first != stamp) {
            cache.scans[folder] = {stamp, mine.get_future().share()};
            scanHere = true;
        }
        scan = cache.scans[folder].second;
    }
    if (scanHere)
        mine.set_value(scanPackageFolder(folder)); // others asking meanwhile wait for it
    return scan.get();
}

void prescanDependencyDirectivesAhead(const std::string &root)
{
    PackageScans &cache = packageScans();
    std::lock_guard lock(cache.mutex);
    if (cache.ahead.valid())
        return; // once per process
    cache.ahead = std::async(std::launch::async, [root] {
        for (const std::string &folder : dependencyFolders(root))
            packageDirectiveFiles(folder);
    });
}

} // namespace sy
