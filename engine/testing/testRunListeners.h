#pragma once
// Listeners that combine others: several reporters on one run, and Vitest's
// --bail (stop the run after n failed tests).
#include "testing/testRunner.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace sy {

/// Hands every call to each of `listeners`, in order.
class TestListenerFanOut : public TestRunListener {
public:
    void add(TestRunListener *listener) { m_listeners.push_back(listener); }

    void runStarted(const std::vector<TestFileResult> &files) override;
    void fileStarted(int file) override;
    void fileCollected(int file, const TestFileResult &result) override;
    void testStarted(int file, const TestCaseResult &test) override;
    void testFinished(int file, const TestCaseResult &test) override;
    void consoleLine(int file, const TestConsoleLine &line) override;
    void fileFinished(int file, const TestFileResult &result) override;
    void runFinished(const TestRunSummary &summary) override;

private:
    std::vector<TestRunListener *> m_listeners;
};

/// Vitest's --bail <n>: once n tests failed in this run, the runner is
/// aborted (TestRunner::abort: files not started are not run, running ones
/// are stopped with their unfinished tests skipped). abort() joins isolate
/// threads, so it runs on a thread of this listener's, never inside a
/// listener call. Call finish() after TestRunner::run() returned.
class BailListener : public TestRunListener {
public:
    BailListener(TestRunner &runner, int bail);
    ~BailListener() override;

    void runStarted(const std::vector<TestFileResult> &files) override;
    void testFinished(int file, const TestCaseResult &test) override;
    /// Waits for the abort (if one started); true when the run was bailed.
    bool finish();

private:
    TestRunner &m_runner;
    int m_bail;
    int m_failed = 0;
    bool m_triggered = false;
    std::thread m_thread;
};

} // namespace sy
