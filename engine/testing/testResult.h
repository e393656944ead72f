#pragma once
// What a test run produced, file by file: the tree of suites and tests the
// Vitest-compatible harness collected (engine/js/testHarness), each test's
// status, duration, errors and console output, and where a file's time went.
// Plain data; the runner fills it from the isolate's NDJSON events.
#include "testing/snapshotSummary.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sy {

class IsolateStorage;

/// Vitest's states. Pending: collected, not started; Running: started.
enum class TestStatus { Pending, Running, Passed, Failed, Skipped, Todo };

/// "pending", "running", "pass", "fail", "skip", "todo" (the harness's words).
const char *testStatusName(TestStatus status);
/// Inverse of testStatusName; unknown words give Pending.
TestStatus testStatusFromName(std::string_view name);

/// An assertion failure or exception, as serialized by the harness. `expected`
/// / `actual` / `diff` are set for assertion errors that carry them.
struct TestError {
    std::string name;
    std::string message;
    std::string stack;
    std::string expected;
    std::string actual;
    std::string diff;
};

/// One console call inside the isolate; testId empty when no test was running.
struct TestConsoleLine {
    std::string testId;
    std::string level; ///< log, info, warn, error, debug
    std::string text;
};

/// One suite (describe) or test (it/test) of a file.
struct TestCaseResult {
    std::string id;       ///< stable within the file: suite path + name (see the harness)
    std::string name;     ///< as written
    std::string fullName; ///< "suite > inner > name"
    std::string parentId; ///< empty at file level
    bool isSuite = false;
    std::string mode; ///< run, skip, only, todo
    TestStatus status = TestStatus::Pending;
    double durationMs = 0;
    std::vector<TestError> errors;
    int line = 0; ///< 1-based position in the test file when known, else 0
};

/// One test file's run. Times in ms, measured by the runner: isolate start
/// (fresh Node environment), module load (request sent to tests collected:
/// the test file and what it imports), test time (collected to summary).
struct TestFileResult {
    std::string file;         ///< absolute path
    std::string relativePath; ///< to the app root, '/'-separated
    TestStatus status = TestStatus::Pending;
    double isolateStartMs = 0;
    /// Pool "contexts": how long the file waited for its runner thread's host isolate to start
    /// (the first file of each host; 0 for the others and for pool "isolates"). A cost of the
    /// run, like Vitest's pool start, kept apart from isolateStartMs (the file's realm).
    double hostStartMs = 0;
    double moduleLoadMs = 0;
    double testMs = 0;
    double wallMs = 0;
    double startedAtMs = 0; ///< when the runner started the file, ms since the Unix epoch
    std::vector<TestCaseResult> cases; ///< parents before children, collection order
    /// Errors outside any test: import failures ("import"), a killed isolate
    /// ("isolate"), hook errors of suites ("beforeAll" ...).
    struct FileError {
        std::string phase;
        TestError error;
    };
    std::vector<FileError> fileErrors;
    std::vector<TestConsoleLine> console;
    /// Its snapshots (the harness's snapshot-summary event).
    SnapshotFileResult snapshot;
    /// Module ids the file's isolate (or realm) loaded during its run
    /// (ModuleRecorder): the watch mode reruns the file when one changes.
    std::set<std::string> modules;
    /// The file's KV/D1 storage, kept after the run for inspection (may be null).
    std::shared_ptr<IsolateStorage> storage;

    int count(TestStatus status) const; ///< tests (not suites) in `status`
    TestCaseResult *findCase(const std::string &id);
};

/// Totals over a run.
struct TestRunSummary {
    int files = 0;
    int failedFiles = 0;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int todo = 0;
    double wallMs = 0;
    SnapshotSummary snapshots;
    bool ok() const { return failed == 0 && failedFiles == 0; }
};

} // namespace sy
