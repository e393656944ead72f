#include "testing/testRunListeners.h"

namespace sy {

void TestListenerFanOut::runStarted(const std::vector<TestFileResult> &files)
{
    for (TestRunListener *l : m_listeners)
        l->runStarted(files);
}
void TestListenerFanOut::fileStarted(int file)
{
    for (TestRunListener *l : m_listeners)
        l->fileStarted(file);
}
void TestListenerFanOut::fileCollected(int file, const TestFileResult &result)
{
    for (TestRunListener *l : m_listeners)
        l->fileCollected(file, result);
}
void TestListenerFanOut::testStarted(int file, const TestCaseResult &test)
{
    for (TestRunListener *l : m_listeners)
        l->testStarted(file, test);
}
void TestListenerFanOut::testFinished(int file, const TestCaseResult &test)
{
    for (TestRunListener *l : m_listeners)
        l->testFinished(file, test);
}
void TestListenerFanOut::consoleLine(int file, const TestConsoleLine &line)
{
    for (TestRunListener *l : m_listeners)
        l->consoleLine(file, line);
}
void TestListenerFanOut::fileFinished(int file, const TestFileResult &result)
{
    for (TestRunListener *l : m_listeners)
        l->fileFinished(file, result);
}
void TestListenerFanOut::runFinished(const TestRunSummary &summary)
{
    for (TestRunListener *l : m_listeners)
        l->runFinished(summary);
}

BailListener::BailListener(TestRunner &runner, int bail) : m_runner(runner), m_bail(bail) {}

BailListener::~BailListener()
{
    finish();
}

void BailListener::runStarted(const std::vector<TestFileResult> &)
{
    finish();
    m_failed = 0;
    m_triggered = false;
}

void BailListener::testFinished(int, const TestCaseResult &test)
{
    if (m_bail <= 0 || m_triggered || test.status != TestStatus::Failed)
        return;
    if (++m_failed < m_bail)
        return;
    m_triggered = true;
    m_thread = std::thread([this] { m_runner.abort(); });
}

bool BailListener::finish()
{
    if (m_thread.joinable())
        m_thread.join();
    return m_triggered;
}

} // namespace sy
