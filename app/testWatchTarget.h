#pragma once
// What `switchyard test --watch` (testWatch.cpp) reruns in: the app's own test
// session, or, with Vitest's test.projects, each project's own session, kept
// warm between runs (pre-bundles, transforms, module graphs). The watch loop
// asks a target which files an edit touches and runs them as one run, as
// Vitest's watcher does over its projects (one run, the project's name before
// each file).
#include "testing/testRunner.h"

#include <memory>
#include <string>
#include <vector>

namespace sy::cli {

struct TestCommand;

class TestWatchTarget {
public:
    /// Test files (absolute paths) per project, in the projects' order; one
    /// list for an app without test.projects.
    using Files = std::vector<std::vector<std::string>>;

    virtual ~TestWatchTarget() = default;

    /// Every test file now.
    virtual Files all() = 0;
    /// The files whose latest run failed.
    virtual Files failed() = 0;
    /// True when a change of `file` (absolute) reloads the configuration and
    /// reruns everything (Vitest's forceRerunTriggers and the app's configs).
    virtual bool rerunsAll(const std::string &file) = 0;
    /// After `changed` files changed (no config among them): drops what the
    /// sessions built from them and returns the files to rerun: those whose
    /// module graph holds a changed file, and new test files. Removed test
    /// files are forgotten.
    virtual Files affected(const std::vector<std::string> &changed) = 0;
    /// Runs `files` as one run with every reporter; with `updateSnapshots`
    /// as with -u. `reportsOk` false when a report could not be written.
    virtual TestRunSummary run(const Files &files, bool updateSnapshots, bool &reportsOk) = 0;

    /// The paths of `files`, in order (what the reporters print).
    static std::vector<std::string> paths(const Files &files);
    /// True when `files` holds no file.
    static bool empty(const Files &files);
};

/// The target of a loaded command: the projects of command.projects, each with its
/// session kept between runs, or else the app's own test session (TestCommand::session,
/// prepared). Made again after a reload (the config may have gained or lost projects).
std::unique_ptr<TestWatchTarget> watchTargetFor(TestCommand &command);

} // namespace sy::cli
