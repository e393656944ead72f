#pragma once
// The bridge from a TestRunner to a TestRunModel: a TestRunListener whose
// callbacks (serialized, on the runner's worker threads) become signals
// carrying copies, queued to the model's thread in the order they happened.
#include "testing/testRunModel.h"
#include "testing/testRunner.h"

#include <QObject>
#include <mutex>

namespace sy {

/// Pass to TestRunner::run() as the listener; connectTo() a model first.
/// setJobs() before the run tells the model which tests each file runs
/// (without it every file counts as run whole). Lives on any thread; emits
/// from the runner's threads.
class TestRunFeed : public QObject, public TestRunListener {
    Q_OBJECT
public:
    explicit TestRunFeed(QObject *parent = nullptr);

    /// The jobs of the next run (in the order given to TestRunner::run()).
    void setJobs(std::vector<TestJob> jobs);
    /// Connects every signal to the matching TestRunModel slot (queued when
    /// the model lives on another thread).
    void connectTo(TestRunModel *model);

    // TestRunListener: each call emits the signal below with copies.
    void runStarted(const std::vector<TestFileResult> &files) override;
    void fileStarted(int file) override;
    void fileCollected(int file, const TestFileResult &result) override;
    void testStarted(int file, const TestCaseResult &test) override;
    void testFinished(int file, const TestCaseResult &test) override;
    void consoleLine(int file, const TestConsoleLine &line) override;
    void fileFinished(int file, const TestFileResult &result) override;
    void runFinished(const TestRunSummary &summary) override;

signals:
    /// runStarted(), with the job of each runner file (TestRunModel::beginRun).
    void runBegan(const QList<sy::TestJob> &jobs);
    // The other listener calls, one signal each (TestRunModel's slots).
    void fileBegan(int file);
    void collected(int file, const sy::TestFileResult &result);
    void testBegan(int file, const sy::TestCaseResult &test);
    void testEnded(int file, const sy::TestCaseResult &test);
    void consoleWritten(int file, const sy::TestConsoleLine &line);
    void fileEnded(int file, const sy::TestFileResult &result);
    void runEnded(const sy::TestRunSummary &summary);

private:
    std::mutex m_mutex;
    std::vector<TestJob> m_jobs;
};

} // namespace sy
