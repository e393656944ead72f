#pragma once
// Which tsconfig.json / jsconfig.json governs an importer, the way
// vite-tsconfig-paths decides it, with parsed configs cached.
#include "resolve/tsconfig.h"

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace sy {

/// The config lookup of one importer.
struct TsconfigLookup {
    /// The config whose paths/baseUrl apply, or null (resolve normally). May
    /// hold an error (!ok): a config on the way does not parse.
    std::shared_ptr<const Tsconfig> config;
    /// Every file the answer depends on: the configs read (with everything they
    /// extend and reference) and the nearer tsconfig.json / jsconfig.json
    /// paths found absent. A change, creation or deletion of any of them can
    /// change the answer.
    std::vector<std::string> dependencies;
};

/// Finds the config for an importer: walking up from the importer's folder,
/// each folder's jsconfig.json and tsconfig.json (in that order, as
/// vite-tsconfig-paths sorts them), each preceded by the configs it lists in
/// `references` (Vite's templates: a solution tsconfig.json with `files: []`
/// referencing tsconfig.app.json). A config applies when it sets `paths` or
/// `baseUrl`, is not a solution config (`files: []` without `include`), the
/// importer's extension is TypeScript (.ts .tsx .mts .cts; also JavaScript,
/// .vue .svelte .astro .mdx with allowJs/checkJs or in a jsconfig.json) and
/// its include/exclude/files take the importer (tsconfigIncludes). The first
/// config that applies, or that does not parse, is the answer. Importers
/// inside node_modules and below `ignoredDirs` get none.
///
/// Thread-safe. Parsed configs and each folder's list of configs are cached
/// until invalidate() is told about a change.
class TsconfigPaths {
public:
    explicit TsconfigPaths(std::vector<std::string> ignoredDirs = {});

    /// What a lookup is for: `Paths` skips configs without paths/baseUrl (as
    /// vite-tsconfig-paths does); `CompilerOptions` takes the nearest config
    /// that includes the file (as tsc and esbuild read experimentalDecorators).
    enum class Purpose { Paths, CompilerOptions };
    TsconfigLookup lookup(const std::string &importerFile, Purpose purpose = Purpose::Paths) const;

    /// `file` was created, changed or deleted. Drops every cached config that
    /// read it and, for a tsconfig.json / jsconfig.json, the folder lists.
    /// Returns true when anything cached depended on it.
    bool invalidate(const std::string &file);
    void clear();

private:
    struct Folder {
        std::vector<std::shared_ptr<const Tsconfig>> configs; ///< in lookup order
        std::vector<std::string> dependencies;
    };
    std::shared_ptr<const Tsconfig> config(const std::string &file) const;
    std::shared_ptr<const Folder> folder(const std::string &dir) const;

    std::vector<std::string> m_ignored;
    mutable std::shared_mutex m_mutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const Tsconfig>> m_configs;
    mutable std::unordered_map<std::string, std::shared_ptr<const Folder>> m_folders;
};

} // namespace sy
