// The report documents (json, junit, tap, tap-flat) after Vitest 4.1's
// JsonReporter, JUnitReporter, TapReporter and TapFlatReporter.
#include "testing/reporterText.h"
#include "testing/testReporters.h"

#include <QDateTime>
#include <QString>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace sy {

using namespace reporterText;

namespace {

bool isTest(const TestCaseResult &c)
{
    return !c.isSuite;
}

const char *jsonStatus(TestStatus s)
{
    switch (s) {
    case TestStatus::Passed:
        return "passed";
    case TestStatus::Failed:
        return "failed";
    case TestStatus::Todo:
        return "todo";
    case TestStatus::Skipped:
        return "skipped";
    default:
        return "pending";
    }
}

/// The file-level errors Vitest keeps on the file task (not the unhandled ones,
/// which it reports apart).
std::vector<const TestError *> fileTaskErrors(const TestFileResult &r)
{
    std::vector<const TestError *> out;
    for (const auto &fe : r.fileErrors)
        if (fe.phase != "unhandled")
            out.push_back(&fe.error);
    return out;
}

} // namespace

std::string testResultsToJson(const std::vector<TestFileResult> &results,
                              const TestRunSummary &summary, double startTimeMs,
                              bool passWithNoTests)
{
    int suites = 0, failedSuites = 0, pendingSuites = 0;
    int tests = 0, passed = 0, failed = 0, pending = 0, todo = 0;
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const TestFileResult &r : results) {
        ++suites; // the file is a suite too (Vitest's getSuites)
        failedSuites += r.status == TestStatus::Failed;
        pendingSuites += r.status == TestStatus::Pending || r.status == TestStatus::Running;
        nlohmann::ordered_json assertions = nlohmann::ordered_json::array();
        for (const TestCaseResult &c : r.cases) {
            if (c.isSuite) {
                ++suites;
                failedSuites += c.status == TestStatus::Failed;
                pendingSuites += c.status == TestStatus::Todo || c.status == TestStatus::Pending ||
                                 c.status == TestStatus::Running;
                continue;
            }
            ++tests;
            passed += c.status == TestStatus::Passed;
            failed += c.status == TestStatus::Failed;
            pending += c.status == TestStatus::Skipped || c.status == TestStatus::Pending ||
                       c.status == TestStatus::Running;
            todo += c.status == TestStatus::Todo;
            const std::vector<std::string> ancestors = ancestorTitles(r, c);
            std::string fullName;
            for (const std::string &a : ancestors)
                fullName += (fullName.empty() ? "" : " ") + a;
            if (!c.name.empty())
                fullName += (fullName.empty() ? "" : " ") + c.name;
            nlohmann::ordered_json messages = nlohmann::ordered_json::array();
            for (const TestError &e : c.errors)
                messages.push_back(stackOrMessage(e));
            nlohmann::ordered_json t = {{"ancestorTitles", ancestors},
                                        {"fullName", fullName},
                                        {"status", jsonStatus(c.status)},
                                        {"title", c.name}};
            if (c.status == TestStatus::Passed || c.status == TestStatus::Failed)
                t["duration"] = c.durationMs;
            t["failureMessages"] = messages;
            // No "location": Vitest sets it only with includeTaskLocation (off by default).
            t["meta"] = nlohmann::ordered_json::object();
            t["tags"] = nlohmann::ordered_json::array();
            assertions.push_back(std::move(t));
        }
        const std::vector<const TestError *> errors = fileTaskErrors(r);
        const double start = r.startedAtMs > 0 ? r.startedAtMs : startTimeMs;
        files.push_back(
            {{"assertionResults", assertions},
             {"startTime", static_cast<int64_t>(start)},
             {"endTime", static_cast<int64_t>(start + r.wallMs)},
             {"status", r.status == TestStatus::Failed ? "failed" : "passed"},
             {"message", errors.empty() ? (r.fileErrors.empty() ? std::string()
                                                                : r.fileErrors[0].error.message)
                                        : errors[0]->message},
             {"name", r.file},
             // Ours: where the file's time went (isolate or realm start, the pooled host's start
             // it waited for, module load, tests), ms.
             {"switchyard",
              {{"isolateStartMs", r.isolateStartMs},
               {"hostStartMs", r.hostStartMs},
               {"moduleLoadMs", r.moduleLoadMs},
               {"testMs", r.testMs},
               {"wallMs", r.wallMs}}}});
    }
    const bool success = (!results.empty() || passWithNoTests) && failedSuites == 0 && failed == 0;
    nlohmann::ordered_json doc = {
        {"numTotalTestSuites", suites},
        {"numPassedTestSuites", suites - failedSuites - pendingSuites},
        {"numFailedTestSuites", failedSuites},
        {"numPendingTestSuites", pendingSuites},
        {"numTotalTests", tests},
        {"numPassedTests", passed},
        {"numFailedTests", failed},
        {"numPendingTests", pending},
        {"numTodoTests", todo},
        {"snapshot", snapshotSummaryToJson(summary.snapshots)},
        {"startTime", static_cast<int64_t>(startTimeMs)},
        {"success", success},
        {"testResults", files},
    };
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

/// Vitest's escapeXML: the five entities, then characters XML 1.0 forbids removed.
std::string escapeXml(const std::string &value)
{
    std::string out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(value[i]);
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
                break;      // forbidden control characters
            if (ch == 0x1b) // ANSI sequences: Vitest strips VT control characters
                break;
            out += static_cast<char>(ch);
        }
    }
    // Invalid UTF-8 would make the document ill-formed: let Qt replace it.
    return QString::fromUtf8(out.data(), static_cast<qsizetype>(out.size())).toStdString();
}

std::string seconds(double ms)
{
    // toLocaleString("en-US", { maximumFractionDigits: 10, useGrouping: false })
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10f", std::max(0.0, ms) / 1000.0);
    std::string s = buf;
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s.empty() ? "0" : s;
}

class XmlWriter {
public:
    std::string text;
    void line(const std::string &s) { text += m_indent + s + "\n"; }
    /// Text written without indentation (Vitest's baseLog).
    void raw(const std::string &s) { text += s + "\n"; }
    void open(const std::string &name,
              const std::vector<std::pair<std::string, std::string>> &attrs)
    {
        std::string s = "<" + name;
        for (const auto &[k, v] : attrs)
            s += " " + k + "=\"" + escapeXml(v) + "\"";
        line(s + ">");
        m_indent += "    ";
    }
    void close(const std::string &name)
    {
        m_indent.resize(m_indent.size() - 4);
        line("</" + name + ">");
    }

private:
    std::string m_indent;
};

std::string plainErrorText(const TestError &e, const std::string &root)
{
    std::string text = errorText(e, root, Paint{false});
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

std::string appRootOf(const TestFileResult &r)
{
    if (r.file.size() > r.relativePath.size() + 1 &&
        r.file.compare(r.file.size() - r.relativePath.size(), r.relativePath.size(),
                       r.relativePath) == 0)
        return r.file.substr(0, r.file.size() - r.relativePath.size() - 1);
    return {};
}

} // namespace

std::string testResultsToJunit(const std::vector<TestFileResult> &results, const TestRunSummary &)
{
    struct Case {
        std::string name;
        double ms = 0;
        bool skipped = false;
        std::vector<const TestError *> failures;
        std::vector<std::string> out, err; ///< console output, one entry per call
    };
    struct Suite {
        const TestFileResult *file;
        std::vector<Case> cases;
        int failures = 0, skipped = 0;
    };
    std::vector<Suite> suites;
    int tests = 0, failures = 0;
    double time = 0;
    for (const TestFileResult &r : results) {
        Suite s{&r, {}, 0, 0};
        for (const TestCaseResult &c : r.cases) {
            if (!isTest(c))
                continue;
            Case k;
            k.name = namePath(r, c);
            k.ms = c.durationMs;
            k.skipped = c.status == TestStatus::Skipped || c.status == TestStatus::Todo;
            if (c.status == TestStatus::Failed)
                for (const TestError &e : c.errors)
                    k.failures.push_back(&e);
            for (const TestConsoleLine &l : r.console)
                if (l.testId == c.id)
                    (l.level == "error" || l.level == "warn" || l.level == "trace" ? k.err : k.out)
                        .push_back(l.text.empty() || l.text.back() != '\n' ? l.text + "\n"
                                                                           : l.text);
            s.failures += c.status == TestStatus::Failed;
            s.skipped += k.skipped;
            s.cases.push_back(std::move(k));
        }
        // A file that failed outside its tests (import, hooks, a killed
        // isolate) is reported as a testcase of its own, as Vitest injects
        // failed suites and a file that failed to load.
        const std::vector<const TestError *> errors = fileTaskErrors(r);
        if (!errors.empty()) {
            Case k;
            k.name = r.relativePath;
            k.ms = r.testMs;
            k.failures = errors;
            s.failures += 1;
            s.cases.push_back(std::move(k));
        }
        tests += static_cast<int>(s.cases.size());
        failures += s.failures;
        time += r.testMs;
        suites.push_back(std::move(s));
    }
    XmlWriter w;
    w.line("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>");
    w.open("testsuites", {{"name", "vitest tests"},
                          {"tests", std::to_string(tests)},
                          {"failures", std::to_string(failures)},
                          {"errors", "0"},
                          {"time", seconds(time)}});
    const std::string timestamp =
        QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const std::string hostname = host;
    for (const Suite &s : suites) {
        const std::string root = appRootOf(*s.file);
        w.open("testsuite", {{"name", s.file->relativePath},
                             {"timestamp", timestamp},
                             {"hostname", hostname},
                             {"tests", std::to_string(s.cases.size())},
                             {"failures", std::to_string(s.failures)},
                             {"errors", "0"},
                             {"skipped", std::to_string(s.skipped)},
                             {"time", seconds(s.file->testMs)}});
        for (const Case &k : s.cases) {
            w.open(
                "testcase",
                {{"classname", s.file->relativePath}, {"name", k.name}, {"time", seconds(k.ms)}});
            // Vitest's writeLogs: each console call's content (with its newline)
            // written as a line of its own, unindented.
            for (const auto &[tag, logs] :
                 {std::pair{"system-out", &k.out}, {"system-err", &k.err}}) {
                if (logs->empty())
                    continue;
                w.open(tag, {});
                for (const std::string &log : *logs)
                    w.raw(escapeXml(log));
                w.close(tag);
            }
            if (k.skipped)
                w.line("<skipped/>");
            for (const TestError *e : k.failures) {
                w.open("failure",
                       {{"message", e->message}, {"type", e->name.empty() ? "Error" : e->name}});
                w.raw(escapeXml(plainErrorText(*e, root)));
                w.close("failure");
            }
            w.close("testcase");
        }
        w.close("testsuite");
    }
    w.close("testsuites");
    return w.text;
}

namespace {

std::string yamlString(const std::string &s)
{
    if (s.empty())
        return {};
    std::string out = "\"";
    for (char ch : s)
        out += ch == '"' ? std::string("\\\"") : std::string(1, ch);
    return out + "\"";
}

std::string tapString(const std::string &s)
{
    std::string out;
    for (char ch : s)
        out += ch == '\\'   ? std::string("\\\\")
               : ch == '#'  ? std::string("\\#")
               : ch == '\n' ? std::string(" ")
                            : std::string(1, ch);
    return out;
}

/// One TAP item: a file, a suite or a test.
struct TapTask {
    std::string name;
    TestStatus status = TestStatus::Pending;
    bool hasDuration = false;
    double ms = 0;
    std::vector<const TestError *> errors;
    std::vector<TapTask> children;
    bool suite = false;
};

TapTask tapTree(const TestFileResult &r)
{
    TapTask file;
    file.name = r.relativePath;
    file.suite = true;
    file.status = r.status;
    file.hasDuration = r.status == TestStatus::Passed || r.status == TestStatus::Failed;
    file.ms = r.testMs;
    file.errors = fileTaskErrors(r);
    // Children by parent id, then the tree built depth first.
    std::map<std::string, std::vector<size_t>> kids;
    std::vector<size_t> top;
    for (size_t i = 0; i < r.cases.size(); ++i)
        (r.cases[i].parentId.empty() ? top : kids[r.cases[i].parentId]).push_back(i);
    std::function<TapTask(size_t)> build = [&](size_t i) {
        const TestCaseResult &c = r.cases[i];
        TapTask t;
        t.name = c.name;
        t.suite = c.isSuite;
        t.status = c.status;
        t.hasDuration = c.status == TestStatus::Passed || c.status == TestStatus::Failed;
        t.ms = c.durationMs;
        for (const TestError &e : c.errors)
            t.errors.push_back(&e);
        for (size_t k : kids[c.id])
            t.children.push_back(build(k));
        return t;
    };
    for (size_t i : top)
        file.children.push_back(build(i));
    return file;
}

void flatten(const TapTask &task, const std::string &base, std::vector<TapTask> &out)
{
    const std::string prefix = base.empty() ? std::string() : base + " > ";
    if (task.suite && !task.children.empty()) {
        for (const TapTask &c : task.children)
            flatten(c, prefix + task.name, out);
        return;
    }
    TapTask copy = task;
    copy.name = prefix + task.name;
    out.push_back(std::move(copy));
}

void logTasks(const std::vector<TapTask> &tasks, std::string &out, const std::string &indent)
{
    out += indent + "1.." + std::to_string(tasks.size()) + "\n";
    for (size_t i = 0; i < tasks.size(); ++i) {
        const TapTask &t = tasks[i];
        const bool skip = t.status == TestStatus::Skipped;
        const bool todo = t.status == TestStatus::Todo;
        const std::string ok = t.status == TestStatus::Passed || skip || todo ? "ok" : "not ok";
        std::string comment;
        if (skip)
            comment = " # SKIP";
        else if (todo)
            comment = " # TODO";
        else if (t.hasDuration) {
            char buf[48];
            std::snprintf(buf, sizeof buf, " # time=%.2fms", t.ms);
            comment = buf;
        }
        const std::string head =
            indent + ok + " " + std::to_string(i + 1) + " - " + tapString(t.name) + comment;
        if (t.suite && !t.children.empty()) {
            out += head + " {\n";
            logTasks(t.children, out, indent + "    ");
            out += indent + "}\n";
            continue;
        }
        out += head + "\n";
        if (t.status != TestStatus::Failed || t.errors.empty())
            continue;
        const std::string in = indent + "    ";
        for (const TestError *e : t.errors) {
            out += in + "---\n" + in + "error:\n";
            out +=
                in + "    name: " + yamlString(e->name.empty() ? "Unknown Error" : e->name) + "\n";
            out += in + "    message: " + yamlString(e->message) + "\n";
            const std::vector<StackFrame> frames = parseStack(e->stack);
            if (!frames.empty())
                out += in + "at: " +
                       yamlString(frames[0].file + ":" + std::to_string(frames[0].line) + ":" +
                                  std::to_string(frames[0].column)) +
                       "\n";
            if (!e->expected.empty() || !e->actual.empty()) {
                out += in + "actual: " + yamlString(e->actual) + "\n";
                out += in + "expected: " + yamlString(e->expected) + "\n";
            }
        }
        out += in + "...\n";
    }
}

} // namespace

std::string testResultsToTap(const std::vector<TestFileResult> &results, bool flat)
{
    std::vector<TapTask> files;
    for (const TestFileResult &r : results)
        files.push_back(tapTree(r));
    std::string out = "TAP version 13\n";
    if (!flat) {
        logTasks(files, out, "");
        return out;
    }
    std::vector<TapTask> tests;
    for (const TapTask &f : files)
        flatten(f, "", tests);
    logTasks(tests, out, "");
    return out;
}

} // namespace sy
