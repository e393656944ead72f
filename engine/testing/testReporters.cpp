// The human reporters (default, verbose, tree, dot) after Vitest 4.1's
// DefaultReporter, VerboseReporter, TreeReporter and DotReporter.
#include "testing/testReporters.h"

#include "testing/reporterText.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace sy {

using namespace reporterText;

namespace {

double nowMs()
{
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool isStderrLevel(const std::string &level)
{
    return level == "error" || level == "warn" || level == "trace";
}

} // namespace

ConsoleTestReporter::ConsoleTestReporter(Style style, ConsoleReporterOptions options)
    : m_style(style), m_options(std::move(options))
{
}

void ConsoleTestReporter::write(std::FILE *to, const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), to);
    std::fflush(to);
}

std::string ConsoleTestReporter::relative(const std::string &path) const
{
    const std::string prefix = m_options.root + "/";
    return !m_options.root.empty() && path.rfind(prefix, 0) == 0 ? path.substr(prefix.size())
                                                                 : path;
}

void ConsoleTestReporter::printBanner()
{
    const Paint p{m_options.color};
    const std::string label = m_options.watch ? "DEV" : "RUN";
    write(m_options.out,
          "\n" +
              withLabel(p, m_options.watch ? "44" : "46", m_options.watch ? "34" : "36", label,
                        "v" + m_options.version + " ") +
              p.gray(m_options.root) + "\n\n");
}

void ConsoleTestReporter::watcherStart(bool failed, bool failedSnapshot)
{
    const Paint p{m_options.color};
    std::string text =
        failed ? withLabel(p, "41", "31", "FAIL", "Tests failed. Watching for file changes...")
               : withLabel(p, "42", "32", "PASS", "Waiting for file changes...");
    // 4.1's hints: help and quit, or the snapshot update first when one failed.
    const std::string help = p.dim("press ") + p.bold("h") + p.dim(" to show help");
    text +=
        "\n       " +
        (failedSnapshot ? p.dim("press ") + p.bold(p.yellow("u")) + p.dim(" to update snapshot") +
                              p.dim(", ") + help
                        : help + p.dim(", ") + p.dim("press ") + p.bold("q") + p.dim(" to quit")) +
        "\n";
    write(m_options.out, text);
}

void ConsoleTestReporter::watcherRerun(const std::vector<std::string> &files,
                                       const std::string &trigger)
{
    const Paint p{m_options.color};
    for (const std::string &f : files)
        ++m_reruns[f];
    std::string banner = trigger.empty() ? std::string() : p.dim(relative(trigger) + " ");
    if (files.size() == 1)
        banner += p.blue("x" + std::to_string(m_reruns[files[0]]) + " ");
    write(m_options.out, "\n" + withLabel(p, "44", "34", "RERUN", banner) + "\n\n");
}

void ConsoleTestReporter::printShortcutsHelp()
{
    // Vitest's printShortcutsHelp, for the keys `switchyard test --watch` knows.
    const Paint p{m_options.color};
    const std::pair<const char *, const char *> keys[] = {{"a, return", "rerun all tests"},
                                                          {"r", "rerun current pattern tests"},
                                                          {"f", "rerun only failed tests"},
                                                          {"u", "update snapshot"},
                                                          {"q", "quit"}};
    std::string text = "\n" + p.bold("  Watch Usage") + "\n";
    for (size_t i = 0; i < std::size(keys); ++i) {
        std::string names;
        std::string list = keys[i].first;
        for (size_t at; (at = list.find(", ")) != std::string::npos; list = list.substr(at + 2))
            names += p.bold(list.substr(0, at)) + ", ";
        names += p.bold(list);
        text += p.dim("  press ") + names + p.dim(std::string(" to ") + keys[i].second) +
                (i + 1 < std::size(keys) ? "\n" : "");
    }
    write(stdout, text + "\n");
}

void ConsoleTestReporter::runStarted(const std::vector<TestFileResult> &files)
{
    m_startedAtMs = nowMs();
    m_startAt = timeOfDay();
    m_files.clear();
    m_held.clear();
    m_fileNames.clear();
    m_fileCount = files.size();
    for (size_t i = 0; i < files.size(); ++i)
        m_fileNames[static_cast<int>(i)] = files[i].relativePath;
}

void ConsoleTestReporter::printConsole(int file, const TestConsoleLine &line)
{
    // "stdout | src/a.test.ts > suite > test" then the text (Vitest's
    // onUserConsoleLog); the test is named by its harness id ("suite > test").
    const Paint p{m_options.color};
    std::string header = m_fileNames[file];
    if (!line.testId.empty())
        header += " > " + line.testId;
    const bool toErr = isStderrLevel(line.level);
    std::string text =
        p.gray(std::string(toErr ? "stderr" : "stdout") + p.dim(" | " + header)) + "\n" + line.text;
    if (text.back() != '\n')
        text += "\n";
    write(toErr ? m_options.err : m_options.out, text + "\n");
}

void ConsoleTestReporter::consoleLine(int file, const TestConsoleLine &line)
{
    if (m_options.silent == SilentMode::All)
        return;
    if (m_options.silent == SilentMode::PassedOnly) {
        m_held[{file, line.testId}].push_back(line);
        return;
    }
    printConsole(file, line);
}

void ConsoleTestReporter::testFinished(int file, const TestCaseResult &test)
{
    const Paint p{m_options.color};
    if (m_options.silent == SilentMode::PassedOnly) {
        // Vitest's --silent=passed-only: the output of failed tests only.
        const auto it = m_held.find({file, test.id});
        if (it != m_held.end()) {
            if (test.status == TestStatus::Failed)
                for (const TestConsoleLine &l : it->second)
                    printConsole(file, l);
            m_held.erase(it);
        }
    }
    if (m_style == Style::Dot) {
        const char *ch = test.status == TestStatus::Passed   ? "·"
                         : test.status == TestStatus::Failed ? "x"
                         : test.status == TestStatus::Skipped || test.status == TestStatus::Todo
                             ? "-"
                             : "*";
        const std::string s = test.status == TestStatus::Passed   ? p.green(ch)
                              : test.status == TestStatus::Failed ? p.red(ch)
                              : *ch == '-'                        ? p.dim(p.gray(ch))
                                                                  : p.yellow(ch);
        write(m_options.out, s);
        return;
    }
    if (m_style != Style::Verbose)
        return;
    if (m_options.hideSkippedTests && test.status == TestStatus::Skipped)
        return;
    // 4.1's verbose: " ✓ src/a.test.ts > suite > test 3ms", errors below a failure.
    std::string title = " " + stateSymbol(p, test) + " " + m_fileNames[file] + p.dim(" > ") + [&] {
        std::string path = test.fullName;
        std::string out;
        for (size_t at; (at = path.find(" > ")) != std::string::npos;) {
            out += path.substr(0, at) + p.dim(" > ");
            path = path.substr(at + 3);
        }
        return out + path;
    }();
    if (test.status == TestStatus::Passed || test.status == TestStatus::Failed) {
        const long ms = std::lround(test.durationMs);
        title += (test.durationMs > m_options.slowTestThresholdMs
                      ? p.yellow(" " + std::to_string(ms) + p.dim("ms"))
                      : p.green(" " + std::to_string(ms) + p.dim("ms")));
    }
    write(m_options.out, title + "\n");
    if (test.status == TestStatus::Failed)
        for (const TestError &e : test.errors)
            write(m_options.out, p.red("   → " + e.message) + "\n");
}

void ConsoleTestReporter::printModule(const TestFileResult &r)
{
    const Paint p{m_options.color};
    const bool renderSucceed =
        m_style == Style::Tree || (m_options.tty && m_fileCount <= 1 && m_style == Style::Default);
    const bool moduleFailed = r.status == TestStatus::Failed;
    int tests = 0, failed = 0, skipped = 0, todo = 0;
    std::string body;
    for (const TestCaseResult &c : r.cases) {
        const std::string padding(2 * depthOf(r, c), ' ');
        if (c.isSuite) {
            if (!renderSucceed)
                continue;
            if (m_options.hideSkippedTests && c.status == TestStatus::Skipped)
                continue;
            int inside = 0;
            for (const TestCaseResult &t : r.cases)
                if (!t.isSuite && (" > " + t.id).find(" > " + c.id + " > ") != std::string::npos)
                    ++inside;
            body += " " + padding + stateSymbol(p, c) + " " + c.name + " " +
                    p.dim("(" + std::to_string(inside) + ")") + "\n";
            continue;
        }
        ++tests;
        failed += c.status == TestStatus::Failed;
        skipped += c.status == TestStatus::Skipped;
        todo += c.status == TestStatus::Todo;
        std::string suffix;
        const bool timed = c.status == TestStatus::Passed || c.status == TestStatus::Failed;
        const bool slow = timed && c.durationMs > m_options.slowTestThresholdMs;
        if (timed) {
            const std::string ms = " " + std::to_string(std::lround(c.durationMs));
            suffix = slow ? p.yellow(ms + p.dim("ms")) : p.green(ms + p.dim("ms"));
        }
        if (c.status == TestStatus::Failed)
            body += p.red(" " + padding + "× " + c.name) + suffix + "\n";
        else if (slow)
            body += " " + padding + p.yellow(p.dim("✓")) + " " + c.name + " " + suffix + "\n";
        else if (m_options.hideSkippedTests && c.status == TestStatus::Skipped)
            ;
        else if (renderSucceed || moduleFailed)
            body += " " + padding + stateSymbol(p, c) + " " + c.name + suffix + "\n";
    }
    std::string state = p.dim(std::to_string(tests) + " test" + (tests > 1 ? "s" : ""));
    if (failed)
        state += p.dim(" | ") + p.red(std::to_string(failed) + " failed");
    if (skipped)
        state += p.dim(" | ") + p.yellow(std::to_string(skipped) + " skipped");
    if (todo)
        state += p.dim(" | ") + p.gray(std::to_string(todo) + " todo");
    const std::string symbol = moduleFailed                      ? p.red("❯")
                               : r.status == TestStatus::Skipped ? p.dim(p.gray("↓"))
                                                                 : p.green("✓");
    const std::string ms = " " + std::to_string(std::lround(r.testMs));
    const std::string duration = p.green(ms + p.dim("ms"));
    write(m_options.out, " " + symbol + " " + r.relativePath + " " + p.dim("(") + state +
                             p.dim(")") + duration + "\n" + body);
}

void ConsoleTestReporter::fileFinished(int, const TestFileResult &r)
{
    TestFileResult copy = r;
    copy.storage.reset();
    m_files.push_back(std::move(copy));
    if (m_style == Style::Default || m_style == Style::Tree)
        printModule(r);
}

void ConsoleTestReporter::printErrorsSummary()
{
    const Paint p{m_options.color};
    const int columns = terminalColumns(stdout); // Vitest's getCols: process.stdout's columns
    struct Failure {
        std::string title;
        const TestError *error;
    };
    std::vector<Failure> suites, tests, unhandled;
    for (const TestFileResult &r : m_files) {
        for (const auto &fe : r.fileErrors) {
            if (fe.phase == "unhandled")
                unhandled.push_back({r.relativePath, &fe.error});
            else
                suites.push_back(
                    {r.relativePath + p.dim(" [ " + r.relativePath + " ]"), &fe.error});
        }
        for (const TestCaseResult &c : r.cases)
            if (!c.isSuite && c.status == TestStatus::Failed)
                for (const TestError &e : c.errors)
                    tests.push_back({r.relativePath + p.dim(" > ") +
                                         [&] {
                                             std::string out;
                                             for (const std::string &a : ancestorTitles(r, c))
                                                 out += a + p.dim(" > ");
                                             return out + c.name;
                                         }(),
                                     &e});
    }
    const size_t total = suites.size() + tests.size();
    size_t current = 1;
    auto printGroup = [&](const std::vector<Failure> &group, const std::string &what) {
        if (group.empty())
            return;
        write(m_options.err,
              "\n" +
                  divider(p.bold(p("41", " " + what + " " + std::to_string(group.size()) + " ")),
                          columns, p) +
                  "\n\n");
        for (const Failure &f : group) {
            write(m_options.err, p.bold(p("41", " FAIL ")) + " " + f.title + "\n" +
                                     errorText(*f.error, m_options.root, p));
            const std::string counter =
                "[" + std::to_string(current++) + "/" + std::to_string(total) + "]";
            const int left = std::max(0, columns - static_cast<int>(counter.size()) - 1);
            std::string line;
            for (int i = 0; i < left; ++i)
                line += "⎯";
            write(m_options.err, p.red(p.dim(line + counter + "⎯")) + "\n\n");
        }
    };
    printGroup(suites, "Failed Suites");
    printGroup(tests, "Failed Tests");
    if (!unhandled.empty()) {
        write(m_options.err,
              divider(p.bold(p("41", " Unhandled Errors ")), columns, p) + "\n" +
                  p.red(p.bold("\nVitest caught " + std::to_string(unhandled.size()) +
                               " unhandled error" + (unhandled.size() > 1 ? "s" : "") +
                               " during the test run.\nThis might cause false positive tests. "
                               "Resolve unhandled errors to make sure your tests are not "
                               "affected.")) +
                  "\n");
        for (const Failure &f : unhandled)
            write(m_options.err,
                  "\n" + divider(p.bold(p("41", " Unhandled Rejection ")), columns, p) + "\n" +
                      errorText(*f.error, m_options.root, p) +
                      p.red("This error originated in \"" + p.bold(f.title) +
                            "\" test file. It doesn't mean the error was thrown inside the file "
                            "itself, but while it was running.") +
                      "\n");
        write(m_options.err, p.red(divider("", columns, p)) + "\n\n");
    }
}

void ConsoleTestReporter::runFinished(const TestRunSummary &s)
{
    const Paint p{m_options.color};
    if (m_style == Style::Dot)
        write(m_options.out, "\n");
    if (m_fileCount == 0) {
        write(m_options.err, p.red("No test files found, exiting with code 1") + "\n\n");
        return;
    }
    printErrorsSummary();
    Counts files, tests;
    files.total = static_cast<int>(m_fileCount);
    double importMs = 0, testsMs = 0, environmentMs = 0;
    int unhandled = 0;
    for (const TestFileResult &r : m_files) {
        files.failed += r.status == TestStatus::Failed;
        files.passed += r.status == TestStatus::Passed;
        files.skipped += r.status == TestStatus::Skipped;
        importMs += r.moduleLoadMs;
        testsMs += r.testMs;
        environmentMs += r.isolateStartMs + r.hostStartMs;
        for (const auto &fe : r.fileErrors)
            unhandled += fe.phase == "unhandled";
        for (const TestCaseResult &c : r.cases) {
            if (c.isSuite)
                continue;
            ++tests.total;
            tests.passed += c.status == TestStatus::Passed;
            tests.failed += c.status == TestStatus::Failed;
            tests.skipped += c.status == TestStatus::Skipped;
            tests.todo += c.status == TestStatus::Todo;
        }
    }
    std::string text = "\n";
    // Vitest's "Snapshots" lines (renderSnapshotSummary), then the counts.
    const std::vector<std::string> snapshots =
        renderSnapshotSummary(s.snapshots.root, s.snapshots, m_options.color);
    for (size_t i = 0; i < snapshots.size(); ++i)
        text += summaryTitle(p, i == 0 ? "Snapshots" : "") + " " + snapshots[i] + "\n";
    if (snapshots.size() > 1)
        text += "\n";
    text += summaryTitle(p, "Test Files") + " " + stateString(p, files) + "\n";
    text += summaryTitle(p, "Tests") + " " + stateString(p, tests) + "\n";
    if (unhandled)
        text += summaryTitle(p, "Errors") + " " +
                p.bold(p.red(std::to_string(unhandled) + " error" + (unhandled > 1 ? "s" : ""))) +
                "\n";
    text += summaryTitle(p, "Start at") + " " + m_startAt + "\n";
    if (!m_reruns.empty())
        text += summaryTitle(p, "Duration") + " " + formatTime(importMs + testsMs) + "\n";
    else
        text += summaryTitle(p, "Duration") + " " + formatTime(s.wallMs + m_transformMs) +
                p.dim(" (transform " + formatTime(m_transformMs) + ", setup 0ms, import " +
                      formatTime(importMs) + ", tests " + formatTime(testsMs) + ", environment " +
                      formatTime(environmentMs) + ")") +
                "\n";
    write(m_options.out, text + "\n");
}

} // namespace sy
