#include "resolve/tsconfigPaths.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace sy {

namespace fs = std::filesystem;

namespace {

bool isUnder(const std::string &path, const std::string &dir)
{
    return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
           path[dir.size()] == '/';
}

bool importerSupported(const Tsconfig &config, const std::string &importer)
{
    const std::string ext = fs::path(importer).extension().string();
    if (ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts")
        return true;
    if (!config.allowJs)
        return false;
    return ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs" || ext == ".vue" ||
           ext == ".svelte" || ext == ".astro" || ext == ".mdx";
}

bool applies(const Tsconfig &config, const std::string &importer, bool forPaths)
{
    if (forPaths && !config.hasPaths && config.baseUrl.empty())
        return false;
    // A solution config only points at other configs.
    if (config.hasFiles && config.files.empty() && config.include.empty())
        return false;
    return importerSupported(config, importer) && tsconfigIncludes(config, importer);
}

} // namespace

TsconfigPaths::TsconfigPaths(std::vector<std::string> ignoredDirs)
    : m_ignored(std::move(ignoredDirs))
{
}

std::shared_ptr<const Tsconfig> TsconfigPaths::config(const std::string &file) const
{
    {
        std::shared_lock lock(m_mutex);
        auto it = m_configs.find(file);
        if (it != m_configs.end())
            return it->second;
    }
    auto parsed = std::make_shared<const Tsconfig>(loadTsconfig(file));
    std::unique_lock lock(m_mutex);
    return m_configs.emplace(file, std::move(parsed)).first->second;
}

std::shared_ptr<const TsconfigPaths::Folder> TsconfigPaths::folder(const std::string &dir) const
{
    {
        std::shared_lock lock(m_mutex);
        auto it = m_folders.find(dir);
        if (it != m_folders.end())
            return it->second;
    }
    auto out = std::make_shared<Folder>();
    for (const char *name : {"jsconfig.json", "tsconfig.json"}) {
        const std::string file = dir + "/" + name;
        out->dependencies.push_back(file);
        std::error_code ec;
        if (!fs::is_regular_file(file, ec))
            continue;
        std::shared_ptr<const Tsconfig> c = config(file);
        // Referenced projects first: they take precedence in their folder.
        for (const std::string &ref : c->references) {
            out->dependencies.push_back(ref);
            if (!fs::is_regular_file(ref, ec))
                continue;
            std::shared_ptr<const Tsconfig> r = config(ref);
            out->dependencies.insert(out->dependencies.end(), r->readFiles.begin(),
                                     r->readFiles.end());
            out->configs.push_back(std::move(r));
        }
        out->dependencies.insert(out->dependencies.end(), c->readFiles.begin(), c->readFiles.end());
        if (!c->ok && c->errorFile != file)
            out->dependencies.push_back(c->errorFile);
        out->configs.push_back(std::move(c));
    }
    std::unique_lock lock(m_mutex);
    return m_folders.emplace(dir, std::move(out)).first->second;
}

TsconfigLookup TsconfigPaths::lookup(const std::string &importerFile, Purpose purpose) const
{
    TsconfigLookup out;
    if (importerFile.empty() || importerFile[0] != '/' ||
        importerFile.find("/node_modules/") != std::string::npos)
        return out;
    for (const std::string &dir : m_ignored)
        if (isUnder(importerFile, dir))
            return out;
    fs::path dir = fs::path(importerFile).parent_path();
    for (;;) {
        const std::shared_ptr<const Folder> f = folder(dir.string());
        out.dependencies.insert(out.dependencies.end(), f->dependencies.begin(),
                                f->dependencies.end());
        for (const auto &c : f->configs) {
            if (!c->ok || applies(*c, importerFile, purpose == Purpose::Paths)) {
                out.config = c;
                return out;
            }
        }
        const fs::path parent = dir.parent_path();
        if (parent == dir || parent.empty())
            break;
        dir = parent;
    }
    return out;
}

bool TsconfigPaths::invalidate(const std::string &file)
{
    std::unique_lock lock(m_mutex);
    bool dropped = false;
    for (auto it = m_configs.begin(); it != m_configs.end();) {
        const auto &read = it->second->readFiles;
        if (it->first == file || it->second->errorFile == file ||
            std::find(read.begin(), read.end(), file) != read.end()) {
            it = m_configs.erase(it);
            dropped = true;
        } else {
            ++it;
        }
    }
    for (auto it = m_folders.begin(); it != m_folders.end();) {
        const auto &deps = it->second->dependencies;
        if (std::find(deps.begin(), deps.end(), file) != deps.end()) {
            it = m_folders.erase(it);
            dropped = true;
        } else {
            ++it;
        }
    }
    return dropped;
}

void TsconfigPaths::clear()
{
    std::unique_lock lock(m_mutex);
    m_configs.clear();
    m_folders.clear();
}

} // namespace sy
