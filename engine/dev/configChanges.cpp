#include "dev/configChanges.h"

#include "dev/devSession.h"
#include "env/envFiles.h"
#include "env/importMetaEnv.h"

namespace sy {

ConfigChanges collectConfigChanges(DevSession &session, const std::set<std::string> &files)
{
    ConfigChanges out;
    const EnvironmentKind kinds[] = {EnvironmentKind::Client, EnvironmentKind::Ssr,
                                     EnvironmentKind::Worker};
    auto collect = [&](const std::string &dependency, const std::string &file,
                       const std::string &kind) {
        ConfigChanges::Cause cause{file, kind, {}};
        for (EnvironmentKind k : kinds) {
            for (const std::string &id : session.environment(k).modulesDependingOn(dependency)) {
                cause.modules.push_back(id);
                if (!id.empty() && id[0] == '/')
                    out.moduleFiles.insert(id);
                else
                    out.virtualModules[k].push_back(id);
            }
        }
        if (!cause.modules.empty())
            out.causes.push_back(std::move(cause));
    };
    bool envChanged = false;
    for (const std::string &file : files) {
        // Every changed file: a tsconfig may extend any JSON file.
        for (EnvironmentKind k : kinds)
            session.environment(k).invalidateTsconfig(file);
        collect(file, file, "tsconfig");
        if (isEnvFile(session.project().root, file)) {
            out.envFilesChanged = true;
            bool changed = false;
            for (EnvironmentKind k : kinds)
                changed = session.environment(k).reloadImportMetaEnv() || changed;
            if (changed && !envChanged) {
                envChanged = true;
                collect(std::string(kImportMetaEnvDependency), file, "env");
            }
        }
    }
    return out;
}

} // namespace sy
