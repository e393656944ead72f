#pragma once
// Reporters of `switchyard test`, in the output formats of Vitest 4.1's
// reporters (`--reporter`):
//   default  a line per finished file (its failed tests under it; every test
//            when the run has one file on a terminal), console output as
//            "stdout | file > test", then the failures (stderr) and totals;
//   verbose  a line per finished test, "✓ file > suite > test 3ms" (4.1's
//            verbose is flat; `tree` is the nested form);
//   tree     the default's file lines with every suite and test nested under;
//   dot      one character per finished test (· pass, x fail, - skip, * other);
//   json     Vitest's Jest-compatible JSON document (testResultsToJson);
//   junit    JUnit XML as Vitest writes it (testResultsToJunit);
//   tap, tap-flat  TAP version 13, nested subtests or flat (testResultsToTap).
// The console styles are TestRunListeners; the documents are built from the
// results after a run.
#include "testing/testRunner.h"

#include <cstdio>
#include <map>
#include <string>

namespace sy {

/// What Vitest's --silent does: true hides all console output of tests,
/// "passed-only" shows only that of failed tests.
enum class SilentMode { Off, All, PassedOnly };

struct ConsoleReporterOptions {
    std::FILE *out = stdout; ///< file lines, totals, console.log output
    std::FILE *err = stderr; ///< failures and console.error/warn output (Vitest's logger.error)
    bool color = false;      ///< ANSI colours
    bool tty = false;        ///< `out` is a terminal (one file: every test is listed)
    std::string root;        ///< the app root: paths are shown relative to it
    std::string version;     ///< shown in the banner: " RUN  v<version> <root>"
    bool watch = false;      ///< banner " DEV " instead of " RUN "
    SilentMode silent = SilentMode::Off;
    bool hideSkippedTests = false;
    double slowTestThresholdMs = 300; ///< Vitest's slowTestThreshold
};

/// The human reporters: default, verbose, tree and dot.
class ConsoleTestReporter : public TestRunListener {
public:
    enum class Style { Default, Verbose, Tree, Dot };
    ConsoleTestReporter(Style style, ConsoleReporterOptions options);

    /// "\n RUN  v0.1.0 /path/to/app\n" (once per process, as Vitest's onInit).
    void printBanner();
    /// Time the run spent before the first file (pre-bundling, transforms):
    /// shown as "transform" in the Duration line. ms.
    void setTransformMs(double ms) { m_transformMs = ms; }
    /// Watch mode, after a run: " PASS  Waiting for file changes..." (or
    /// FAIL) and the hints ("press h to show help, press q to quit"; the
    /// snapshot update first when a snapshot failed), as 4.1's onWatcherStart.
    void watcherStart(bool failed, bool failedSnapshot = false);
    /// Watch mode's "h": the keys and what they do (Vitest's printShortcutsHelp).
    void printShortcutsHelp();
    /// Watch mode, before a rerun: " RERUN  <trigger> x<n>" (n: how often
    /// this one file ran, when one file reruns).
    void watcherRerun(const std::vector<std::string> &files, const std::string &trigger);

    void runStarted(const std::vector<TestFileResult> &files) override;
    void testFinished(int file, const TestCaseResult &test) override;
    void consoleLine(int file, const TestConsoleLine &line) override;
    void fileFinished(int file, const TestFileResult &result) override;
    void runFinished(const TestRunSummary &summary) override;

private:
    void printModule(const TestFileResult &result);
    void printConsole(int file, const TestConsoleLine &line);
    void printErrorsSummary();
    void write(std::FILE *to, const std::string &text);
    std::string relative(const std::string &path) const;

    Style m_style;
    ConsoleReporterOptions m_options;
    double m_transformMs = 0;
    double m_startedAtMs = 0;
    std::string m_startAt;
    std::vector<TestFileResult> m_files; ///< of the current run, filled as files finish
    size_t m_fileCount = 0;
    std::map<std::string, int> m_reruns; ///< file -> reruns (watch mode's "x2")
    /// PassedOnly: console lines held until their test's result is known.
    std::map<std::pair<int, std::string>, std::vector<TestConsoleLine>> m_held;
    std::map<int, std::string> m_fileNames; ///< file index -> relative path
};

/// Vitest's `--reporter json` document (Jest's shape: numTotalTestSuites,
/// numTotalTests, ..., testResults[] with assertionResults[] { ancestorTitles,
/// fullName (names joined by spaces), status passed|failed|skipped|pending|todo,
/// title, duration, failureMessages (stacks), meta, tags }), snapshot, compact,
/// with "switchyard" timings per file. `passWithNoTests` counts for `success`.
std::string testResultsToJson(const std::vector<TestFileResult> &results,
                              const TestRunSummary &summary, double startTimeMs,
                              bool passWithNoTests = false);

/// JUnit XML as Vitest writes it: `<testsuites name="vitest tests">`, one
/// `<testsuite>` per file (relative name, timestamp, hostname, counts),
/// `<testcase classname=file name="suite > test" time=s>` with `<system-out>`,
/// `<system-err>`, `<skipped/>` and `<failure message type>` (the printed
/// error); a file that failed outside its tests is a testcase of its own.
std::string testResultsToJunit(const std::vector<TestFileResult> &results,
                               const TestRunSummary &summary);

/// "TAP version 13": `flat` false nests files, suites and tests as
/// subtests ("ok 1 - src/a.test.ts # time=3.00ms {" ... "}"), true lists every
/// test once as "file > suite > test" (Vitest's tap and tap-flat).
std::string testResultsToTap(const std::vector<TestFileResult> &results, bool flat);

} // namespace sy
