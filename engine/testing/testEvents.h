#pragma once
// Applies the harness's NDJSON events (engine/js/testHarness, relayed by
// js/testEntry.js) to a TestFileResult:
//   collected {tests:[{id,name,fullName,kind,mode,parentId,location}]}
//   test-start {id}   test-end {id,status,durationMs,errors}
//   suite-start/suite-end {id,status}   hook-error {id,hook,error}
//   console {testId,level,text}   file-error {phase,error}
//   snapshot-summary {filepath,added,matched,unmatched,updated,unchecked,uncheckedKeys,fileDeleted}
//   summary {passed,failed,skipped,todo,durationMs}
#include "testing/testResult.h"

#include <nlohmann/json_fwd.hpp>

namespace sy {

class TestEventApplier {
public:
    /// What an event changed, for listeners.
    struct Effect {
        enum Kind { None, Collected, TestStarted, TestFinished, Console } kind = None;
        const TestCaseResult *test = nullptr;
    };

    explicit TestEventApplier(TestFileResult &result) : m_result(result) {}

    /// Applies one event received `atMs` after the run request was sent
    /// (used to split module load from test time). Unknown events are ignored.
    Effect apply(const nlohmann::json &event, double atMs);
    /// The isolate died or the stream failed (`message`): the running test
    /// fails with it, a file error "isolate" is recorded, tests not run are
    /// marked skipped.
    void isolateFailed(const std::string &message);
    /// The run was aborted (Vitest's bail: "The test run was aborted by the
    /// user."): tests not finished become skipped, nothing fails for it, and
    /// the file's status follows the tests that ran.
    void aborted();
    /// Settles the file's status once the stream ended: Failed when a test or
    /// the file failed (or nothing arrived), else Passed (Skipped if no test ran).
    void finish();

private:
    TestFileResult &m_result;
    double m_collectedAtMs = -1;
    bool m_summarized = false;
    std::string m_runningTest;
};

/// A harness error object {name,message,stack,expected,actual,diff} as a
/// TestError, its stack without the engine's own frames.
TestError testErrorFromJson(const nlohmann::json &error);
/// `stack` without the lines of frames inside the test driver, the harness
/// and the worker bootstrap.
std::string withoutEngineFrames(const std::string &stack);

} // namespace sy
