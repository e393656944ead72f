#pragma once
// `switchyard test`'s pieces shared by a single run (testCommand.cpp) and the
// watch mode (testWatch.cpp): the loaded app, its test session (DevSession
// with the test files' pre-bundles in .switchyard/test) and the reporters.
#include "testCliOptions.h"

#include "dev/devSession.h"
#include "env/projectConfig.h"
#include "js/transformService.h"
#include "testing/testReporters.h"
#include "testing/testRunner.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace sy::cli {

struct TestProjectRun;

struct TestCommand {
    TestCliOptions cli;
    QString dir;                      ///< the app folder as resolved ("" = default)
    std::vector<std::string> filters; ///< path filters
    ProjectConfig project;            ///< cacheDir: <root>/.switchyard/test
    TestRunOptions options;
    std::vector<std::string> files; ///< the test files found (absolute)
    std::unique_ptr<TransformService> transforms;
    std::unique_ptr<DevSession> session;
    std::unique_ptr<TestRunner> runner;
    std::FILE *human = stdout; ///< stderr when a report goes to stdout
    bool color = false;
    std::vector<std::unique_ptr<ConsoleTestReporter>> consoles;
    std::vector<std::pair<QString, QString>> documents; ///< reporter -> file ("" = stdout)
    std::vector<TestFileResult> lastResults;            ///< every file's latest result
    double startedAtMs = 0;                             ///< epoch ms of the latest run
    double transformMs = 0;                             ///< the latest session's prepare(), ms
    /// The tool host's handle of the running globalSetup (0 = none): its
    /// teardowns run on the next load() and when the command ends.
    int globalSetupId = 0;

    TestCommand() = default;
    TestCommand(const TestCommand &) = delete;
    TestCommand &operator=(const TestCommand &) = delete;
    ~TestCommand();

    /// Loads the app and its test config and finds the files (prints why on
    /// failure). Returns -1 to go on, else an exit code.
    int load();
    /// A fresh DevSession + runner over `files` (pre-bundled). False when it
    /// could not be created (printed).
    bool prepare();
    /// Runs `files` (a subset of `files`, or all) with every reporter; writes
    /// the documents. Returns the run's summary; `ok` false when a report
    /// could not be written.
    TestRunSummary run(const std::vector<std::string> &files, bool &reportsOk);
    /// Writes the document reporters' files (json, junit, tap) of `results`;
    /// false when one could not be written.
    bool writeDocuments(const std::vector<TestFileResult> &results, const TestRunSummary &summary);
    /// Runs the teardowns of the globalSetup the last load() started.
    void tearDownGlobalSetup();
    /// test.projects of the Vitest config (testProjects.h), in order; empty
    /// when the config has none (the app itself is the one project).
    std::vector<std::unique_ptr<TestProjectRun>> projects;
};

/// Readies `session` to run `files` and returns their runner: the test modules
/// installed, the runner's pooled host isolates booting (TestRunner::prestart)
/// while the files, their setupFiles and what they import are crawled and
/// pre-bundled. A failed pre-bundle is printed, naming `label` when given (a
/// project); the files that need it then fail with its error.
std::unique_ptr<TestRunner> prepareTestSession(DevSession &session, const TestRunOptions &options,
                                               const std::vector<std::string> &files,
                                               const std::string &label = {});

/// The watch mode after the first run: rerun on changes until `q`, SIGINT
/// or SIGTERM. Returns the exit code (of the last run).
int watchTests(TestCommand &command, const TestRunSummary &first);

} // namespace sy::cli
