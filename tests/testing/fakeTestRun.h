#pragma once
// Feeding a TestRunModel the way TestRunner does, without isolates: harness
// events (NDJSON) applied by the runner's own TestEventApplier, each matching
// TestRunListener call made on another thread (as the runner's workers make
// them), so the feed's signals are queued onto the model's thread.
#include "testing/testEvents.h"
#include "testing/testRunFeed.h"
#include "testing/testRunModel.h"

#include <QSignalSpy>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

namespace sy::test {

inline const QString kRoot = QStringLiteral("/app");
inline const QString kMath = QStringLiteral("/app/tests/math.test.ts");
inline const QString kPages = QStringLiteral("/app/tests/pages.test.ts");

/// What the harness reports when math.test.ts is collected: a suite "math"
/// with two tests, and a top-level skipped test.
inline const char *kCollected = R"({"type":"collected","tests":[
  {"id":"math","name":"math","fullName":"math","kind":"suite","mode":"run","parentId":null},
  {"id":"math > adds","name":"adds","fullName":"math > adds","kind":"test","mode":"run","parentId":"math","location":{"line":4,"column":3}},
  {"id":"math > divides","name":"divides","fullName":"math > divides","kind":"test","mode":"run","parentId":"math","location":{"line":8,"column":3}},
  {"id":"later","name":"later","fullName":"later","kind":"test","mode":"skip","parentId":null}]})";

inline const char *kFailure =
    R"({"type":"test-end","id":"math > divides","status":"fail","durationMs":2.5,
  "errors":[{"name":"AssertionError","message":"expected 3 to be 4","stack":"AssertionError: expected 3 to be 4\n    at /app/tests/math.test.ts:9:15","expected":"4","actual":"3","diff":"- Expected\n+ Received\n\n- 4\n+ 3"}]})";

/// Drives a feed the way TestRunner does: each event applied to the file's
/// result by a TestEventApplier, the matching listener call made from a
/// runner thread, then the queued signals delivered.
class FakeRun {
public:
    FakeRun(TestRunFeed &feed, std::vector<TestJob> jobs) : m_feed(feed), m_jobs(std::move(jobs))
    {
        for (const TestJob &job : m_jobs) {
            TestFileResult r;
            r.file = job.file;
            r.relativePath = job.file.substr(kRoot.size() + 1);
            m_results.push_back(std::move(r));
        }
        for (TestFileResult &r : m_results)
            m_appliers.push_back(std::make_unique<TestEventApplier>(r));
    }

    /// Runs `step` on another thread (as the runner's workers call listeners).
    void onRunnerThread(const std::function<void()> &step)
    {
        std::thread t(step);
        t.join();
    }
    void start()
    {
        onRunnerThread([&] {
            m_feed.setJobs(m_jobs);
            m_feed.runStarted(m_results);
        });
    }
    void startFile(int file)
    {
        onRunnerThread([&] {
            m_results[file].status = TestStatus::Running;
            m_feed.fileStarted(file);
        });
    }
    /// Applies a harness event and makes the listener call the runner makes for it.
    void event(int file, const char *text)
    {
        onRunnerThread([&] {
            const auto effect = m_appliers[file]->apply(nlohmann::json::parse(text), m_clock += 5);
            switch (effect.kind) {
            case TestEventApplier::Effect::Collected:
                m_feed.fileCollected(file, m_results[file]);
                break;
            case TestEventApplier::Effect::TestStarted:
                m_feed.testStarted(file, *effect.test);
                break;
            case TestEventApplier::Effect::TestFinished:
                m_feed.testFinished(file, *effect.test);
                break;
            case TestEventApplier::Effect::Console:
                m_feed.consoleLine(file, m_results[file].console.back());
                break;
            case TestEventApplier::Effect::None:
                break;
            }
        });
    }
    void finishFile(int file, const std::string &isolateError = {})
    {
        onRunnerThread([&] {
            if (!isolateError.empty())
                m_appliers[file]->isolateFailed(isolateError);
            m_appliers[file]->finish();
            m_results[file].isolateStartMs = 31;
            m_results[file].wallMs = 120;
            m_feed.fileFinished(file, m_results[file]);
        });
    }
    void finish(int failed)
    {
        onRunnerThread([&] {
            TestRunSummary s;
            s.files = int(m_jobs.size());
            s.failed = failed;
            m_feed.runFinished(s);
        });
    }

private:
    TestRunFeed &m_feed;
    std::vector<TestJob> m_jobs;
    std::vector<TestFileResult> m_results;
    std::vector<std::unique_ptr<TestEventApplier>> m_appliers;
    double m_clock = 0;
};

/// Delivers the queued signals of a run until its end reached the model.
inline bool waitForRunEnd(TestRunModel &model)
{
    QSignalSpy finished(&model, &TestRunModel::runFinished);
    return finished.wait(10000) || !finished.isEmpty();
}

} // namespace sy::test
