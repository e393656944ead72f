#include "testing/testWatch.h"

#include "env/environment.h"
#include "graph/moduleGraph.h"

#include <algorithm>
#include <filesystem>

namespace sy {

namespace fs = std::filesystem;

bool changeRerunsAll(const std::string &root, const std::string &file)
{
    const std::string name = fs::path(file).filename().string();
    const bool atRoot = fs::path(file).parent_path() == fs::path(root);
    auto startsWith = [&](const char *prefix) { return name.rfind(prefix, 0) == 0; };
    // Vitest's forceRerunTriggers: **/package.json, **/{vitest,vite}.config.*
    if (name == "package.json" || startsWith("vitest.config.") || startsWith("vite.config.") ||
        startsWith("vitest.workspace."))
        return true;
    // What the app's configuration reads besides: the wrangler config, the
    // env files, tsconfig paths, the lockfiles (a new install).
    if (atRoot && (name == "wrangler.jsonc" || name == "wrangler.json" || name == "wrangler.toml" ||
                   name == "package-lock.json" || name == "pnpm-lock.yaml" || name == "yarn.lock" ||
                   name == "bun.lockb" || name == "bun.lock"))
        return true;
    if (startsWith(".env") || startsWith(".dev.vars"))
        return true;
    return (startsWith("tsconfig") || startsWith("jsconfig")) &&
           fs::path(file).extension() == ".json";
}

std::string fileOfModuleId(const std::string &id)
{
    static const std::string bridge = "virtual:switchyard:ssr:";
    std::string file = id.rfind(bridge, 0) == 0 ? id.substr(bridge.size()) : id;
    if (const size_t q = file.find('?'); q != std::string::npos)
        file.resize(q);
    return !file.empty() && file[0] == '/' ? file : std::string();
}

std::vector<std::string> affectedTestFiles(Environment &worker,
                                           const std::vector<std::string> &changedFiles,
                                           const std::vector<std::string> &testFiles,
                                           const std::vector<TestFileResult> &lastRuns)
{
    const std::set<std::string> changed(changedFiles.begin(), changedFiles.end());
    // The files whose modules import a changed file, transitively (Vitest
    // walks `importers` up from getModulesByFile).
    std::set<std::string> reaching = changed;
    worker.withGraph([&](ModuleGraph &graph) {
        for (const std::string &file : changedFiles) {
            std::vector<std::string> ids;
            for (ModuleNode *node : graph.modulesByFile(file))
                ids.push_back(node->id);
            ids.push_back("virtual:switchyard:ssr:" + file);
            for (const std::string &id : ids) {
                if (!graph.moduleById(id))
                    continue;
                for (const std::string &importer : graph.importersClosure(id))
                    if (const ModuleNode *n = graph.moduleById(importer); n && !n->file.empty())
                        reaching.insert(n->file);
                    else if (std::string f = fileOfModuleId(importer); !f.empty())
                        reaching.insert(f);
            }
        }
    });
    std::vector<std::string> out;
    for (const std::string &test : testFiles) {
        bool affected = reaching.count(test) > 0;
        for (const TestFileResult &r : lastRuns) {
            if (affected || r.file != test)
                continue;
            for (const std::string &id : r.modules)
                if (changed.count(fileOfModuleId(id))) {
                    affected = true;
                    break;
                }
        }
        if (affected)
            out.push_back(test);
    }
    return out;
}

} // namespace sy
