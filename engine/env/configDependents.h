#pragma once
// Which modules of one environment depend on files that are not modules: the
// tsconfig.json / jsconfig.json files their imports were resolved through
// (and the nearer config paths found absent), or the env files behind the
// import.meta.env they read (kImportMetaEnvDependency). The hot updater
// turns a change of such a file into a change of exactly these modules.
// Not thread-safe: the Environment's mutex guards it.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace sy {

class ConfigDependents {
public:
    /// What module `id` depends on now (replaces what it depended on before).
    void set(const std::string &id, std::set<std::string> files);
    /// The modules that depend on `file`, sorted.
    std::vector<std::string> modulesDependingOn(const std::string &file) const;
    void remove(const std::string &id);
    void clear();

private:
    std::map<std::string, std::set<std::string>> m_byModule;
    std::map<std::string, std::set<std::string>> m_byFile;
};

} // namespace sy
