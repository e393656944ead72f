#include "testing/testReporters.h"

#include <QString>
#include <QXmlStreamWriter>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace sy {

namespace {

std::string formatMs(double ms)
{
    char buf[32];
    if (ms >= 1000)
        std::snprintf(buf, sizeof buf, "%.2fs", ms / 1000);
    else
        std::snprintf(buf, sizeof buf, "%.0fms", ms);
    return buf;
}

std::string indentLines(const std::string &text, const std::string &prefix)
{
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos)
            nl = text.size();
        out += prefix + text.substr(start, nl - start) + "\n";
        start = nl + 1;
    }
    return out;
}

/// Long values (a whole HTML page) are cut as Vitest cuts them.
std::string clip(const std::string &value)
{
    constexpr size_t kMax = 400;
    return value.size() <= kMax
               ? value
               : value.substr(0, kMax) + "… (" + std::to_string(value.size()) + " characters)";
}

/// The message and stack of an error as Vitest prints them (stack lines
/// after the first line of the message).
std::string describeError(const TestError &e)
{
    std::string out = (e.name.empty() ? std::string("Error") : e.name) + ": " + e.message + "\n";
    if (!e.diff.empty())
        out += "\n" + e.diff + "\n";
    else if (!e.expected.empty() || !e.actual.empty())
        out += "\n- Expected: " + clip(e.expected) + "\n+ Received: " + clip(e.actual) + "\n";
    if (!e.stack.empty()) {
        // Drop the stack's own "Name: message" head: it repeats the above.
        const size_t at = e.stack.find("\n    at ");
        if (at != std::string::npos)
            out += e.stack.substr(at + 1) + "\n";
    }
    return out;
}

std::string jestStatus(TestStatus s)
{
    switch (s) {
    case TestStatus::Passed:
        return "passed";
    case TestStatus::Failed:
        return "failed";
    case TestStatus::Todo:
        return "todo";
    default:
        return "skipped";
    }
}

/// Names of the suites above `c` (outermost first).
std::vector<std::string> ancestors(const TestFileResult &file, const TestCaseResult &c)
{
    std::vector<std::string> out;
    std::string parent = c.parentId;
    while (!parent.empty()) {
        const auto it = std::find_if(file.cases.begin(), file.cases.end(),
                                     [&](const TestCaseResult &s) { return s.id == parent; });
        if (it == file.cases.end())
            break;
        out.insert(out.begin(), it->name);
        parent = it->parentId;
    }
    return out;
}

} // namespace

DefaultTestReporter::DefaultTestReporter(std::FILE *out, bool color) : m_out(out), m_color(color) {}

std::string DefaultTestReporter::paint(const char *code, const std::string &text) const
{
    return m_color ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
}

void DefaultTestReporter::runStarted(const std::vector<TestFileResult> &files)
{
    std::fprintf(m_out, "\n %s %zu test file%s\n\n", paint("36", "RUN").c_str(), files.size(),
                 files.size() == 1 ? "" : "s");
    std::fflush(m_out);
}

void DefaultTestReporter::fileFinished(int, const TestFileResult &r)
{
    m_isolateStartMs += r.isolateStartMs;
    m_moduleLoadMs += r.moduleLoadMs;
    m_testMs += r.testMs;
    const int tests = r.count(TestStatus::Passed) + r.count(TestStatus::Failed) +
                      r.count(TestStatus::Skipped) + r.count(TestStatus::Todo);
    const int failed = r.count(TestStatus::Failed);
    const bool ok = r.status != TestStatus::Failed;
    std::string line = " " + (ok ? paint("32", "✓") : paint("31", "❯")) + " " + r.relativePath +
                       " (" + std::to_string(tests) + " test" + (tests == 1 ? "" : "s");
    if (failed)
        line += " | " + paint("31", std::to_string(failed) + " failed");
    line += ") " + paint("2", formatMs(r.wallMs));
    std::fprintf(m_out, "%s\n", line.c_str());

    std::string details;
    for (const auto &fe : r.fileErrors)
        details += paint("31", " FAIL ") + " " + r.relativePath + " [" + fe.phase + "]\n" +
                   indentLines(describeError(fe.error), "   ");
    for (const TestCaseResult &c : r.cases) {
        if (c.isSuite)
            continue;
        if (c.status == TestStatus::Failed) {
            std::fprintf(m_out, "   %s %s\n", paint("31", "×").c_str(), c.fullName.c_str());
            details += paint("31", " FAIL ") + " " + r.relativePath + " > " + c.fullName + "\n";
            for (const TestError &e : c.errors)
                details += indentLines(describeError(e), "   ");
            for (const TestConsoleLine &l : r.console)
                if (l.testId == c.id)
                    details += "   " + paint("2", l.level + " | ") + l.text + "\n";
        }
    }
    if (!details.empty())
        m_failures.push_back(details);
    std::fflush(m_out);
}

void DefaultTestReporter::runFinished(const TestRunSummary &s)
{
    if (!m_failures.empty()) {
        std::fprintf(m_out, "\n%s\n\n", paint("31", " Failed Tests ").c_str());
        for (const std::string &f : m_failures)
            std::fprintf(m_out, "%s\n", f.c_str());
    }
    auto part = [&](int n, const char *word, const char *code) {
        return n ? paint(code, std::to_string(n) + " " + word) + " | " : std::string();
    };
    std::string files =
        part(s.failedFiles, "failed", "31") + part(s.files - s.failedFiles, "passed", "32");
    std::string tests = part(s.failed, "failed", "31") + part(s.passed, "passed", "32") +
                        part(s.skipped, "skipped", "33") + part(s.todo, "todo", "35");
    auto trim = [](std::string t) { return t.size() >= 3 ? t.substr(0, t.size() - 3) : t; };
    std::fprintf(m_out, "\n");
    printSnapshotSummary(m_out, s.snapshots, m_color); // Vitest's "Snapshots" lines
    std::fprintf(m_out, " Test Files  %s (%d)\n", trim(files).c_str(), s.files);
    std::fprintf(m_out, "      Tests  %s (%d)\n", trim(tests).c_str(),
                 s.passed + s.failed + s.skipped + s.todo);
    std::fprintf(m_out, "   Duration  %s (isolate start %s, module load %s, tests %s)\n\n",
                 formatMs(s.wallMs).c_str(), formatMs(m_isolateStartMs).c_str(),
                 formatMs(m_moduleLoadMs).c_str(), formatMs(m_testMs).c_str());
    std::fflush(m_out);
}

std::string testResultsToJson(const std::vector<TestFileResult> &results,
                              const TestRunSummary &summary, double startTimeMs)
{
    nlohmann::json files = nlohmann::json::array();
    int pending = 0;
    for (const TestFileResult &r : results) {
        nlohmann::json assertions = nlohmann::json::array();
        for (const TestCaseResult &c : r.cases) {
            if (c.isSuite)
                continue;
            nlohmann::json messages = nlohmann::json::array();
            for (const TestError &e : c.errors)
                messages.push_back(describeError(e));
            assertions.push_back(
                {{"ancestorTitles", ancestors(r, c)},
                 {"fullName", c.fullName},
                 {"status", jestStatus(c.status)},
                 {"title", c.name},
                 {"duration", c.durationMs},
                 {"failureMessages", messages},
                 {"location", c.line ? nlohmann::json{{"line", c.line}, {"column", 1}}
                                     : nlohmann::json(nullptr)}});
        }
        pending += r.count(TestStatus::Skipped);
        std::string message;
        for (const auto &fe : r.fileErrors)
            message += "[" + fe.phase + "] " + describeError(fe.error);
        files.push_back({{"name", r.file},
                         {"status", r.status == TestStatus::Failed ? "failed" : "passed"},
                         {"message", message},
                         {"startTime", r.startedAtMs > 0 ? r.startedAtMs : startTimeMs},
                         {"endTime", (r.startedAtMs > 0 ? r.startedAtMs : startTimeMs) + r.wallMs},
                         {"assertionResults", assertions},
                         {"switchyard",
                          {{"isolateStartMs", r.isolateStartMs},
                           {"moduleLoadMs", r.moduleLoadMs},
                           {"testMs", r.testMs},
                           {"wallMs", r.wallMs}}}});
    }
    nlohmann::json doc = {
        {"numTotalTestSuites", summary.files},
        {"numPassedTestSuites", summary.files - summary.failedFiles},
        {"numFailedTestSuites", summary.failedFiles},
        {"numPendingTestSuites", 0},
        {"numTotalTests", summary.passed + summary.failed + summary.skipped + summary.todo},
        {"numPassedTests", summary.passed},
        {"numFailedTests", summary.failed},
        {"numPendingTests", pending},
        {"numTodoTests", summary.todo},
        {"snapshot", snapshotSummaryToJson(summary.snapshots)},
        {"startTime", startTimeMs},
        {"success", summary.ok()},
        {"testResults", files},
    };
    return doc.dump(2) + "\n";
}

std::string testResultsToJunit(const std::vector<TestFileResult> &results,
                               const TestRunSummary &summary)
{
    QString xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    auto seconds = [](double ms) { return QString::number(ms / 1000.0, 'f', 3); };
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("switchyard tests"));
    w.writeAttribute(QStringLiteral("tests"), QString::number(summary.passed + summary.failed +
                                                              summary.skipped + summary.todo));
    w.writeAttribute(QStringLiteral("failures"), QString::number(summary.failed));
    int errors = 0;
    for (const TestFileResult &r : results)
        errors += static_cast<int>(r.fileErrors.size());
    w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    w.writeAttribute(QStringLiteral("time"), seconds(summary.wallMs));
    for (const TestFileResult &r : results) {
        const QString file = QString::fromStdString(r.relativePath);
        w.writeStartElement(QStringLiteral("testsuite"));
        w.writeAttribute(QStringLiteral("name"), file);
        const int tests = r.count(TestStatus::Passed) + r.count(TestStatus::Failed) +
                          r.count(TestStatus::Skipped) + r.count(TestStatus::Todo);
        w.writeAttribute(QStringLiteral("tests"), QString::number(tests));
        w.writeAttribute(QStringLiteral("failures"), QString::number(r.count(TestStatus::Failed)));
        w.writeAttribute(QStringLiteral("errors"), QString::number(r.fileErrors.size()));
        w.writeAttribute(QStringLiteral("skipped"),
                         QString::number(r.count(TestStatus::Skipped) + r.count(TestStatus::Todo)));
        w.writeAttribute(QStringLiteral("time"), seconds(r.wallMs));
        for (const TestCaseResult &c : r.cases) {
            if (c.isSuite)
                continue;
            w.writeStartElement(QStringLiteral("testcase"));
            w.writeAttribute(QStringLiteral("classname"), file);
            w.writeAttribute(QStringLiteral("name"), QString::fromStdString(c.fullName));
            w.writeAttribute(QStringLiteral("time"), seconds(c.durationMs));
            if (c.status == TestStatus::Failed) {
                for (const TestError &e : c.errors) {
                    w.writeStartElement(QStringLiteral("failure"));
                    w.writeAttribute(QStringLiteral("message"), QString::fromStdString(e.message));
                    w.writeAttribute(QStringLiteral("type"),
                                     QString::fromStdString(e.name.empty() ? "Error" : e.name));
                    w.writeCharacters(QString::fromStdString(describeError(e)));
                    w.writeEndElement();
                }
                if (c.errors.empty())
                    w.writeEmptyElement(QStringLiteral("failure"));
            } else if (c.status == TestStatus::Skipped || c.status == TestStatus::Todo ||
                       c.status == TestStatus::Pending) {
                w.writeEmptyElement(QStringLiteral("skipped"));
            }
            QString out;
            for (const TestConsoleLine &l : r.console)
                if (l.testId == c.id)
                    out += QString::fromStdString(l.text) + QLatin1Char('\n');
            if (!out.isEmpty())
                w.writeTextElement(QStringLiteral("system-out"), out);
            w.writeEndElement();
        }
        for (const auto &fe : r.fileErrors) {
            w.writeStartElement(QStringLiteral("testcase"));
            w.writeAttribute(QStringLiteral("classname"), file);
            w.writeAttribute(QStringLiteral("name"),
                             QStringLiteral("[%1]").arg(QString::fromStdString(fe.phase)));
            w.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
            w.writeStartElement(QStringLiteral("error"));
            w.writeAttribute(QStringLiteral("message"), QString::fromStdString(fe.error.message));
            w.writeAttribute(
                QStringLiteral("type"),
                QString::fromStdString(fe.error.name.empty() ? "Error" : fe.error.name));
            w.writeCharacters(QString::fromStdString(describeError(fe.error)));
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml.toStdString();
}

} // namespace sy
