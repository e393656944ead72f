#include "env/stylesheetStore.h"

#include "core/hash.h"
#include "env/cssRequest.h"
#include "env/projectConfig.h"

#include <filesystem>

namespace sy {

namespace fs = std::filesystem;

namespace {

/// More changed files than this between two process() calls (a checkout, an
/// install): the processor is told nothing and rescans.
constexpr size_t kMaxReportedChanges = 5000;

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

/// Vite's CSS resolver options (the `style` condition and main field, .css).
ResolveOptions cssResolveOptions(const ProjectConfig &project)
{
    ResolveOptions o;
    o.conditions = {"style", "development", "default"};
    o.mainFields = {"style", "main"};
    o.extensions = {".css"};
    o.alias = project.vite.resolveAliases; // Vite's aliases apply to @import too
    o.aliasRoot = project.root;
    return o;
}

/// The real path of `path` when it is a regular file.
std::optional<std::string> existingFile(const fs::path &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return std::nullopt;
    const fs::path real = fs::canonical(path, ec);
    if (ec)
        return std::nullopt;
    return real.string();
}

/// A PostCSS or Tailwind config: its change changes how every stylesheet is
/// processed (postcss-load-config's names, Tailwind v3-style configs).
bool isCssConfigFile(const std::string &file)
{
    const std::string name = fs::path(file).filename().string();
    return startsWith(name, "postcss.config.") || startsWith(name, ".postcssrc") ||
           startsWith(name, "tailwind.config.");
}

} // namespace

StylesheetStore::StylesheetStore(
    const ProjectConfig &project, std::function<std::string(const std::string &)> urlForFile,
    std::function<bool(const std::string &, std::string &, std::string &)> readFile)
    : m_root(project.root), m_urlForFile(std::move(urlForFile)), m_readFile(std::move(readFile)),
      m_resolver(EnvironmentKind::Client, cssResolveOptions(project)), m_processor(project)
{
}

StylesheetStore::~StylesheetStore() = default;

void StylesheetStore::preloadIfUsed()
{
    std::error_code ec;
    bool used = false;
    for (const fs::directory_entry &entry : fs::directory_iterator(m_root, ec))
        used = used || (entry.is_regular_file(ec) && isCssConfigFile(entry.path().string()));
    const fs::path src = fs::path(m_root) / "src";
    for (auto it = fs::recursive_directory_iterator(
             src, fs::directory_options::skip_permission_denied, ec);
         !used && !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && it->path().filename() == "node_modules")
            it.disable_recursion_pending();
        else if (isStylesheetPath(it->path().string()))
            used = true;
    }
    if (used)
        m_processor.preload();
}

std::optional<std::string> StylesheetStore::resolveImport(const std::string &specifier,
                                                          const std::string &importerFile,
                                                          std::string &error) const
{
    if (specifier.empty()) {
        error = "empty specifier";
        return std::nullopt;
    }
    const fs::path dir = fs::path(importerFile).parent_path();
    if (specifier.front() == '/') {
        // A root-relative path, as Vite resolves "/src/x.css" from CSS.
        if (auto file = existingFile(fs::path(m_root + specifier).lexically_normal()))
            return file;
    } else if (!startsWith(specifier, "./") && !startsWith(specifier, "../")) {
        // Vite's CSS resolver prefers relative: "theme.css" is "./theme.css".
        if (auto file = existingFile((dir / specifier).lexically_normal()))
            return file;
    }
    const Resolution r = m_resolver.resolve(specifier, importerFile);
    if (r.ok && !r.browserExternal)
        return r.path;
    error = r.error.empty() ? "cannot resolve \"" + specifier + "\"" : r.error;
    return std::nullopt;
}

std::string StylesheetStore::rewriteUrl(const std::string &specifier,
                                        const std::string &importerFile) const
{
    const size_t cut = specifier.find_first_of("?#");
    const std::string path = specifier.substr(0, cut);
    const std::string suffix = cut == std::string::npos ? std::string() : specifier.substr(cut);
    if (path.empty())
        return specifier;
    std::optional<std::string> file;
    if (path.front() == '/') {
        // Already a URL from the root (a public/ file or an app file): kept.
        return specifier;
    }
    file = existingFile((fs::path(importerFile).parent_path() / path).lexically_normal());
    if (!file && !startsWith(path, "./") && !startsWith(path, "../")) {
        // A package path ("pkg/fonts/x.woff2"), as Vite's url() resolver tries.
        const Resolution r = m_resolver.resolve(path, importerFile);
        if (r.ok && !r.browserExternal)
            file = r.path;
    }
    if (!file)
        return specifier; // no such file: left for the browser, as Vite does
    return m_urlForFile(*file) + suffix;
}

std::shared_ptr<const CssProcessOutput> StylesheetStore::process(const std::string &file,
                                                                 const std::string &source)
{
    const std::string hash = sha256Hex(source);
    auto cached = [&]() -> std::shared_ptr<const CssProcessOutput> {
        std::lock_guard lock(m_mutex);
        auto it = m_cache.find(file);
        return it != m_cache.end() && it->second.sourceHash == hash ? it->second.output : nullptr;
    };
    if (auto hit = cached())
        return hit;
    std::lock_guard processing(m_processMutex);
    if (auto hit = cached()) // another thread processed it meanwhile
        return hit;
    size_t epoch = 0;
    CssProcessInput input;
    {
        std::lock_guard lock(m_mutex);
        epoch = m_invalidations;
        if (!m_tooManyChanges)
            input.changedFiles.emplace(m_changedFiles.begin(), m_changedFiles.end());
        m_changedFiles.clear();
        m_tooManyChanges = false;
    }
    input.file = file;
    input.source = source;
    input.cssModule = isCssModulePath(file);
    input.resolveImport = [this](const std::string &specifier, const std::string &importer,
                                 std::string &error) {
        return resolveImport(specifier, importer, error);
    };
    input.rewriteUrl = [this](const std::string &specifier, const std::string &importer) {
        return rewriteUrl(specifier, importer);
    };
    input.readFile = m_readFile;
    auto output = std::make_shared<const CssProcessOutput>(m_processor.process(input));
    std::set<std::string> deps(output->dependencies.begin(), output->dependencies.end());
    if (!output->ok) {
        // Keep what the last result depended on, plus where this one failed:
        // fixing that file must reach this stylesheet.
        std::lock_guard lock(m_mutex);
        if (auto it = m_dependencies.find(file); it != m_dependencies.end())
            deps.insert(it->second.begin(), it->second.end());
        if (!output->errorFile.empty() && output->errorFile != file)
            deps.insert(output->errorFile);
    }
    recordDependencies(file, std::move(deps));
    std::lock_guard lock(m_mutex);
    if (output->ok && epoch == m_invalidations)
        m_cache[file] = Entry{hash, output};
    return output;
}

void StylesheetStore::recordDependencies(const std::string &file, std::set<std::string> deps)
{
    std::lock_guard lock(m_mutex);
    for (const std::string &old : m_dependencies[file])
        if (auto it = m_dependents.find(old); it != m_dependents.end()) {
            it->second.erase(file);
            if (it->second.empty())
                m_dependents.erase(it);
        }
    for (const std::string &dep : deps) {
        m_dependents[dep].insert(file);
        std::error_code ec;
        if (fs::is_directory(dep, ec))
            m_folderDependencies.insert(dep);
    }
    m_dependencies[file] = std::move(deps);
}

std::set<std::string> StylesheetStore::dependents(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    std::set<std::string> out;
    if (auto it = m_dependents.find(file); it != m_dependents.end())
        out = it->second;
    // A folder dependency (Tailwind's source folders) covers every file below it.
    for (const std::string &folder : m_folderDependencies)
        if (file.size() > folder.size() && startsWith(file, folder) && file[folder.size()] == '/')
            if (auto it = m_dependents.find(folder); it != m_dependents.end())
                out.insert(it->second.begin(), it->second.end());
    out.erase(file);
    return out;
}

bool StylesheetStore::invalidate(const std::string &file)
{
    bool dropped = false;
    {
        std::lock_guard lock(m_mutex);
        ++m_invalidations;
        dropped = m_cache.erase(file) > 0;
        if (m_changedFiles.size() < kMaxReportedChanges)
            m_changedFiles.insert(file);
        else
            m_tooManyChanges = true;
    }
    for (const std::string &stylesheet : dependents(file)) {
        std::lock_guard lock(m_mutex);
        dropped = m_cache.erase(stylesheet) > 0 || dropped;
    }
    if (isCssConfigFile(file)) {
        std::lock_guard processing(m_processMutex);
        m_processor.reloadConfig();
        std::lock_guard lock(m_mutex);
        dropped = dropped || !m_cache.empty();
        m_cache.clear();
    }
    return dropped;
}

} // namespace sy
