#pragma once
// Vitest's test.projects under `switchyard test`: a root config whose
// `test.projects` names config files, folders (by path or glob) or inline
// project configs (env/vitestConfig.h resolves them as Vitest 4's
// resolveProjects does) runs no tests itself; each project is loaded as an
// app of its own (its config's include, setupFiles, globalSetup, pool options
// and wrangler config, the root's provided values inherited) and runs in its
// own test session, one project after the other, reported as one run with
// the project's name before each file (`|name| path`, as Vitest's label).
// `--project NAME` keeps the projects whose name matches (Vitest's
// wildcardPatternToRegExp: `*` any text, a leading `!` excludes, case
// insensitive).
#include "testCommand.h"

#include <memory>
#include <string>
#include <vector>

namespace sy::cli {

/// One project of test.projects, loaded; its session lives during its run only,
/// or, under --watch, from its first run on (runTestProjects' keepSessions).
struct TestProjectRun {
    std::string name; ///< test.name, else package.json name / folder name / index
    ProjectConfig project;
    TestRunOptions options;
    std::vector<std::string> files;
    int globalSetupId = 0; ///< its own globalSetup's teardown handle
    std::unique_ptr<TransformService> transforms;
    std::unique_ptr<DevSession> session; ///< over `files`, pre-bundled
    std::unique_ptr<TestRunner> runner;
    std::vector<TestFileResult> lastResults; ///< each of its files' latest result
};

/// Vitest's matchesProjectFilter: true without filters, else when one of
/// `filters` matches `name`.
bool matchesProjectFilter(const std::string &name, const std::vector<std::string> &filters);

/// Loads the projects of command.project's test.projects into
/// command.projects (prints why on failure). Returns -1 to go on, else an
/// exit code (2: a project that cannot be loaded; 1: --project matched none).
int loadTestProjects(TestCommand &command);

/// The projects' settings as `--print-config` prints them: the root's
/// document with a "projects" array holding each project's document and name.
std::string testProjectsConfigJson(const TestCommand &command);

/// Runs every project's files with the command's reporters as one run and
/// writes the documents; `reportsOk` false when one could not be written.
/// `only`: the files to run per project (in command.projects' order) instead
/// of all. `keepSessions`: each project's session and runner stay for the
/// next run (--watch) instead of going with this one. Each project's
/// lastResults, and command.lastResults (all of them), hold the latest results.
TestRunSummary runTestProjects(TestCommand &command, bool &reportsOk,
                               const std::vector<std::vector<std::string>> *only = nullptr,
                               bool keepSessions = false);

/// Tears down the projects' globalSetup runs.
void tearDownProjectGlobalSetups(TestCommand &command);

} // namespace sy::cli
