#include "testing/testRunFeed.h"

namespace sy {

TestRunFeed::TestRunFeed(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sy::TestJob>();
    qRegisterMetaType<QList<sy::TestJob>>();
    qRegisterMetaType<sy::TestFileResult>();
    qRegisterMetaType<sy::TestCaseResult>();
    qRegisterMetaType<sy::TestConsoleLine>();
    qRegisterMetaType<sy::TestRunSummary>();
}

void TestRunFeed::setJobs(std::vector<TestJob> jobs)
{
    std::lock_guard lock(m_mutex);
    m_jobs = std::move(jobs);
}

void TestRunFeed::connectTo(TestRunModel *model)
{
    connect(this, &TestRunFeed::runBegan, model, &TestRunModel::beginRun);
    connect(this, &TestRunFeed::fileBegan, model, &TestRunModel::startFile);
    connect(this, &TestRunFeed::collected, model, &TestRunModel::collectFile);
    connect(this, &TestRunFeed::testBegan, model, &TestRunModel::startTest);
    connect(this, &TestRunFeed::testEnded, model, &TestRunModel::finishTest);
    connect(this, &TestRunFeed::consoleWritten, model, &TestRunModel::addConsoleLine);
    connect(this, &TestRunFeed::fileEnded, model, &TestRunModel::finishFile);
    connect(this, &TestRunFeed::runEnded, model, &TestRunModel::endRun);
}

void TestRunFeed::runStarted(const std::vector<TestFileResult> &files)
{
    QList<TestJob> jobs;
    {
        std::lock_guard lock(m_mutex);
        for (size_t i = 0; i < files.size(); ++i) {
            const bool known = i < m_jobs.size() && m_jobs[i].file == files[i].file;
            jobs.append(known ? m_jobs[i] : TestJob{files[i].file, {}});
        }
    }
    emit runBegan(jobs);
}

void TestRunFeed::fileStarted(int file)
{
    emit fileBegan(file);
}

void TestRunFeed::fileCollected(int file, const TestFileResult &result)
{
    emit collected(file, result);
}

void TestRunFeed::testStarted(int file, const TestCaseResult &test)
{
    emit testBegan(file, test);
}

void TestRunFeed::testFinished(int file, const TestCaseResult &test)
{
    emit testEnded(file, test);
}

void TestRunFeed::consoleLine(int file, const TestConsoleLine &line)
{
    emit consoleWritten(file, line);
}

void TestRunFeed::fileFinished(int file, const TestFileResult &result)
{
    emit fileEnded(file, result);
}

void TestRunFeed::runFinished(const TestRunSummary &summary)
{
    emit runEnded(summary);
}

} // namespace sy
