#pragma once
// Reporters of `switchyard test`, after Vitest's: the readable default
// (progress per file, failures with their errors and console output, totals
// with where the time went), `json` (Vitest's Jest-compatible JSON) and
// `junit` (JUnit XML for CI).
#include "testing/testRunner.h"

#include <cstdio>
#include <string>

namespace sy {

/// Prints to `out` as files finish (the run's order of completion), then a
/// summary. `color` adds ANSI colours (use isatty).
class DefaultTestReporter : public TestRunListener {
public:
    DefaultTestReporter(std::FILE *out, bool color);
    void runStarted(const std::vector<TestFileResult> &files) override;
    void fileFinished(int file, const TestFileResult &result) override;
    void runFinished(const TestRunSummary &summary) override;

private:
    std::string paint(const char *code, const std::string &text) const;
    std::FILE *m_out;
    bool m_color;
    double m_isolateStartMs = 0, m_moduleLoadMs = 0, m_testMs = 0;
    std::vector<std::string> m_failures; ///< printed again after all files
};

/// Vitest's `--reporter json` document for `results` (Jest's shape:
/// numTotalTests, numFailedTests, ..., testResults[].assertionResults[]).
std::string testResultsToJson(const std::vector<TestFileResult> &results,
                              const TestRunSummary &summary, double startTimeMs);

/// JUnit XML (`<testsuites>` with one `<testsuite>` per file, `<testcase>`
/// per test with `<failure>`/`<skipped/>`, console as `<system-out>`).
std::string testResultsToJunit(const std::vector<TestFileResult> &results,
                               const TestRunSummary &summary);

} // namespace sy
