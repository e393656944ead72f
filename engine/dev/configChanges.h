#pragma once
// The live loop's view of files that are not modules but change what modules
// become: tsconfig.json / jsconfig.json (and the configs they extend) that
// imports were resolved through, the env files behind import.meta.env, and
// .dev.vars / .env behind the worker's `env`. The hot updater turns them into
// changes of exactly the modules that depend on them (and a worker restart
// for `env`), journaled with which file changed and what it touched.
#include "resolve/environment.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sy {

class DevSession;

struct ConfigChanges {
    /// Module files (ids) to treat as changed, in every environment.
    std::set<std::string> moduleFiles;
    /// Virtual modules (no file) to invalidate, per environment.
    std::map<EnvironmentKind, std::vector<std::string>> virtualModules;
    /// One entry per changed config file that touched modules: the file, its
    /// kind ("tsconfig", "env") and the module ids it invalidated.
    struct Cause {
        std::string file;
        std::string kind;
        std::vector<std::string> modules;
    };
    std::vector<Cause> causes;
    bool envFilesChanged = false; ///< a .env* / .dev.vars* file changed
};

/// For the changed `files` (absolute): drops every environment's cached
/// tsconfigs that read one, reloads import.meta.env when an env file
/// changed, and collects the modules whose transforms depended on them.
ConfigChanges collectConfigChanges(DevSession &session, const std::set<std::string> &files);

} // namespace sy
