#pragma once
// Opening a dev session on a fixture app the way the Qt tests of the
// environments need it: the project read (wrangler, vite.config, framework),
// the start-up scan and optimizer runs done, every entry crawled.
#include "dev/devSession.h"
#include "env/projectConfig.h"
#include "js/transformService.h"

#include <memory>
#include <string>

namespace sy::test {

/// Loads the app at `root` into `project` and opens `session` on it (prepare +
/// crawlAll). Returns "" on success, else the first problem: a config error, a
/// failed optimizer run, a module that did not transform.
inline std::string openPreparedSession(const std::string &root, ProjectConfig &project,
                                       std::unique_ptr<DevSession> &session)
{
    std::string error;
    if (!loadProjectConfig(root, SY_TOOLS_JS_DIR, project, error))
        return error;
    session = std::make_unique<DevSession>(project, TransformService::shared());
    for (const OptimizerRun &run : session->prepare())
        if (run.outcome == OptimizerOutcome::Failed)
            return "optimizer run failed: " + run.error;
    const std::vector<std::string> errors = session->crawlAll();
    return errors.empty() ? std::string() : errors.front();
}

} // namespace sy::test
