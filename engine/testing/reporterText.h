#pragma once
// Text pieces every reporter of `switchyard test` shares, as Vitest 4.1's
// reporters write them (vitest/dist reporters: utils, printError): ANSI
// colours, times, the "⎯⎯ Failed Tests 1 ⎯⎯" banners, state symbols, the
// "2 failed | 3 passed (5)" counts, suite ancestry and errors with their
// stack frames as " ❯ file:line:col".
#include "testing/testResult.h"

#include <string>
#include <vector>

namespace sy::reporterText {

/// ANSI colours when `enabled` (tinyrainbow's codes), else the text as is.
struct Paint {
    bool enabled = false;
    std::string operator()(const char *code, const std::string &text) const;
    std::string red(const std::string &t) const { return (*this)("31", t); }
    std::string green(const std::string &t) const { return (*this)("32", t); }
    std::string yellow(const std::string &t) const { return (*this)("33", t); }
    std::string blue(const std::string &t) const { return (*this)("34", t); }
    std::string cyan(const std::string &t) const { return (*this)("36", t); }
    std::string gray(const std::string &t) const { return (*this)("90", t); }
    std::string dim(const std::string &t) const { return (*this)("2", t); }
    std::string bold(const std::string &t) const { return (*this)("1", t); }
};

/// Vitest's formatTime: "850ms" (rounded) up to 1000 ms, then "1.23s".
std::string formatTime(double ms);
/// Local wall-clock time "HH:MM:SS" (Vitest's "Start at").
std::string timeOfDay();
/// Columns of the terminal behind `file`, or 30 when it is none (Vitest's getCols).
int terminalColumns(std::FILE *file);
/// `text` centred in a line of "⎯" `columns` wide (Vitest's divider).
std::string divider(const std::string &text, int columns, const Paint &paint);
/// " <label> " on a coloured background, then `message` (Vitest's withLabel).
std::string withLabel(const Paint &paint, const char *bgCode, const char *fgCode,
                      const std::string &label, const std::string &message);
/// `title` right-aligned in 11 columns plus a space, dimmed (padSummaryTitle).
std::string summaryTitle(const Paint &paint, const std::string &title);

/// Tests (not suites) of `file` in `status`, Vitest's counting for the summary.
struct Counts {
    int passed = 0, failed = 0, skipped = 0, todo = 0, total = 0;
};
/// "1 failed | 2 passed | 1 skipped (4)" or "no tests" (getStateString).
std::string stateString(const Paint &paint, const Counts &counts, const char *noun = "tests");

/// ✓ × ↓ □ · ❯ for a test or suite (getStateSymbol).
std::string stateSymbol(const Paint &paint, const TestCaseResult &c);

/// Names of the suites above `c`, outermost first.
std::vector<std::string> ancestorTitles(const TestFileResult &file, const TestCaseResult &c);
/// Depth of `c` below the file (a top-level test is 1).
int depthOf(const TestFileResult &file, const TestCaseResult &c);
/// "suite > inner > name" (the harness's fullName has the same shape).
std::string namePath(const TestFileResult &file, const TestCaseResult &c);

/// One parsed V8 stack frame.
struct StackFrame {
    std::string method;
    std::string file;
    int line = 0;
    int column = 0;
};
/// The "    at fn (file:line:col)" frames of `stack` (others are skipped).
std::vector<StackFrame> parseStack(const std::string &stack);

/// An error as Vitest's printError writes it: "Name: message", the diff, then
/// " ❯ method relative/path:line:col" per frame (the first frame inside the
/// app highlighted), then the cause ("Caused by: ..."). Ends with a newline.
std::string errorText(const TestError &error, const std::string &root, const Paint &paint);

/// The text Vitest's JSON and TAP reporters give for an error: its stack, or
/// its message when it has none.
std::string stackOrMessage(const TestError &error);

} // namespace sy::reporterText
