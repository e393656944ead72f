#include "testing/testEvents.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sy {

namespace {

std::string text(const nlohmann::json &object, const char *key)
{
    if (!object.is_object() || !object.contains(key))
        return {};
    const auto &v = object[key];
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return v.dump();
}

} // namespace

const char *testStatusName(TestStatus status)
{
    switch (status) {
    case TestStatus::Pending:
        return "pending";
    case TestStatus::Running:
        return "running";
    case TestStatus::Passed:
        return "pass";
    case TestStatus::Failed:
        return "fail";
    case TestStatus::Skipped:
        return "skip";
    case TestStatus::Todo:
        return "todo";
    }
    return "pending";
}

TestStatus testStatusFromName(std::string_view name)
{
    for (TestStatus s : {TestStatus::Running, TestStatus::Passed, TestStatus::Failed,
                         TestStatus::Skipped, TestStatus::Todo})
        if (name == testStatusName(s))
            return s;
    return TestStatus::Pending;
}

int TestFileResult::count(TestStatus s) const
{
    return static_cast<int>(std::count_if(cases.begin(), cases.end(), [&](const TestCaseResult &c) {
        return !c.isSuite && c.status == s;
    }));
}

TestCaseResult *TestFileResult::findCase(const std::string &id)
{
    for (TestCaseResult &c : cases)
        if (c.id == id)
            return &c;
    return nullptr;
}

std::string withoutEngineFrames(const std::string &stack)
{
    // Frames of the test driver, the harness and the worker bootstrap say
    // nothing about the user's code (Vitest hides its own frames the same way).
    std::string out;
    size_t start = 0;
    while (start < stack.size()) {
        size_t nl = stack.find('\n', start);
        if (nl == std::string::npos)
            nl = stack.size();
        const std::string_view line(stack.data() + start, nl - start);
        const bool engineFrame =
            line.find("    at ") == 0 &&
            (line.find("virtual:switchyard:test-entry") != std::string_view::npos ||
             line.find("virtual:switchyard:vitest") != std::string_view::npos ||
             line.find("switchyard:worker-bootstrap") != std::string_view::npos);
        if (!engineFrame) {
            out.append(line);
            out += '\n';
        }
        start = nl + 1;
    }
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

TestError testErrorFromJson(const nlohmann::json &error)
{
    TestError e;
    if (!error.is_object()) {
        e.message = error.is_string() ? error.get<std::string>() : error.dump();
        return e;
    }
    e.name = text(error, "name");
    e.message = text(error, "message");
    e.stack = withoutEngineFrames(text(error, "stack"));
    e.expected = text(error, "expected");
    e.actual = text(error, "actual");
    e.diff = text(error, "diff");
    return e;
}

TestEventApplier::Effect TestEventApplier::apply(const nlohmann::json &event, double atMs)
{
    const std::string type = text(event, "type");
    Effect effect;
    if (type == "collected") {
        m_collectedAtMs = atMs;
        m_result.moduleLoadMs = atMs;
        m_result.cases.clear();
        for (const auto &t : event.value("tests", nlohmann::json::array())) {
            TestCaseResult c;
            c.id = text(t, "id");
            c.name = text(t, "name");
            c.fullName = text(t, "fullName");
            c.parentId = text(t, "parentId");
            c.isSuite = text(t, "kind") == "suite";
            c.mode = text(t, "mode");
            if (t.contains("location") && t["location"].is_object())
                c.line = t["location"].value("line", 0);
            m_result.cases.push_back(std::move(c));
        }
        effect.kind = Effect::Collected;
    } else if (type == "test-start") {
        if (TestCaseResult *c = m_result.findCase(text(event, "id"))) {
            c->status = TestStatus::Running;
            m_runningTest = c->id;
            effect = {Effect::TestStarted, c};
        }
    } else if (type == "test-end") {
        if (TestCaseResult *c = m_result.findCase(text(event, "id"))) {
            c->status = testStatusFromName(text(event, "status"));
            c->durationMs = event.value("durationMs", 0.0);
            for (const auto &e : event.value("errors", nlohmann::json::array()))
                c->errors.push_back(testErrorFromJson(e));
            if (m_runningTest == c->id)
                m_runningTest.clear();
            effect = {Effect::TestFinished, c};
        }
    } else if (type == "suite-end") {
        if (TestCaseResult *c = m_result.findCase(text(event, "id"))) {
            if (event.contains("status"))
                c->status = testStatusFromName(text(event, "status"));
            if (event.contains("durationMs") && event["durationMs"].is_number())
                c->durationMs = event["durationMs"].get<double>();
        }
    } else if (type == "hook-error") {
        TestError e = testErrorFromJson(event.value("error", nlohmann::json::object()));
        const std::string hook = text(event, "hook");
        m_result.fileErrors.push_back({hook.empty() ? "hook" : hook, e});
        if (TestCaseResult *c = m_result.findCase(text(event, "id")); c && !c->isSuite)
            c->errors.push_back(e);
    } else if (type == "console") {
        m_result.console.push_back(
            {text(event, "testId"), text(event, "level"), text(event, "text")});
        effect.kind = Effect::Console;
    } else if (type == "file-error") {
        m_result.fileErrors.push_back(
            {text(event, "phase"),
             testErrorFromJson(event.value("error", nlohmann::json::object()))});
    } else if (type == "snapshot-summary") {
        SnapshotFileResult &s = m_result.snapshot;
        s.present = true;
        s.filepath = text(event, "filepath");
        s.added = event.value("added", 0);
        s.matched = event.value("matched", 0);
        s.unmatched = event.value("unmatched", 0);
        s.updated = event.value("updated", 0);
        s.unchecked = event.value("unchecked", 0);
        s.fileDeleted = event.value("fileDeleted", false);
        s.uncheckedKeys.clear();
        for (const auto &key : event.value("uncheckedKeys", nlohmann::json::array()))
            if (key.is_string())
                s.uncheckedKeys.push_back(key.get<std::string>());
    } else if (type == "summary") {
        m_summarized = true;
        if (m_collectedAtMs >= 0)
            m_result.testMs = atMs - m_collectedAtMs;
    }
    return effect;
}

void TestEventApplier::isolateFailed(const std::string &message)
{
    TestError e;
    e.name = "IsolateError";
    e.message = message;
    m_result.fileErrors.push_back({"isolate", e});
    // A test that spins synchronously is killed before its test-start event
    // leaves the isolate: then the culprit is the first test due to run
    // after the last one that finished (tests of a file run in order).
    const bool anyRunning =
        std::any_of(m_result.cases.begin(), m_result.cases.end(),
                    [](const TestCaseResult &c) { return c.status == TestStatus::Running; });
    if (!anyRunning) {
        size_t after = 0;
        for (size_t i = 0; i < m_result.cases.size(); ++i)
            if (!m_result.cases[i].isSuite && m_result.cases[i].status != TestStatus::Pending)
                after = i + 1;
        for (size_t i = after; i < m_result.cases.size(); ++i) {
            TestCaseResult &c = m_result.cases[i];
            if (!c.isSuite && c.status == TestStatus::Pending &&
                (c.mode == "run" || c.mode == "only")) {
                c.status = TestStatus::Running;
                break;
            }
        }
    }
    for (TestCaseResult &c : m_result.cases) {
        if (c.isSuite)
            continue;
        if (c.status == TestStatus::Running) {
            c.status = TestStatus::Failed;
            c.errors.push_back(e);
        } else if (c.status == TestStatus::Pending) {
            c.status = TestStatus::Skipped;
        }
    }
}

void TestEventApplier::aborted()
{
    for (TestCaseResult &c : m_result.cases)
        if (!c.isSuite && (c.status == TestStatus::Running || c.status == TestStatus::Pending))
            c.status = TestStatus::Skipped;
    m_summarized = true;
}

void TestEventApplier::finish()
{
    const bool anyTest = std::any_of(m_result.cases.begin(), m_result.cases.end(),
                                     [](const TestCaseResult &c) { return !c.isSuite; });
    if (m_summarized && !anyTest && m_result.fileErrors.empty()) {
        // Vitest's rule: a test file must declare at least one test.
        TestError e;
        e.name = "Error";
        e.message = "No test suite found in file " + m_result.file;
        m_result.fileErrors.push_back({"collect", e});
    }
    const bool anyFailed = m_result.count(TestStatus::Failed) > 0;
    if (anyFailed || !m_result.fileErrors.empty() || !m_summarized) {
        m_result.status = TestStatus::Failed;
        return;
    }
    const bool anyRan = m_result.count(TestStatus::Passed) > 0;
    m_result.status = anyRan || m_result.cases.empty() ? TestStatus::Passed : TestStatus::Skipped;
}

} // namespace sy
