#include "testSession.h"

#include "dev/devSession.h"
#include "env/projectConfig.h"
#include "graph/moduleGraph.h"
#include "graph/moduleGraphModel.h"
#include "js/transformService.h"
#include "optimizer/depsOptimizer.h"
#include "runtimePaths.h"
#include "testing/nodeSideTests.h"
#include "testing/testFiles.h"
#include "testing/testRunFeed.h"
#include "testing/testRunner.h"
#include "testing/vitestTestConfig.h"

#include <QSet>
#include <mutex>

namespace sy {

namespace {

/// Forwards to the feed; re-applies a cancel() that came while the runner
/// was being set up (TestRunner::run() starts uncancelled).
class RunListener : public TestRunListener {
public:
    RunListener(TestRunFeed &feed, std::function<void()> started)
        : m_feed(feed), m_started(std::move(started))
    {
    }
    void runStarted(const std::vector<TestFileResult> &files) override
    {
        m_feed.runStarted(files);
        m_started();
    }
    void fileStarted(int file) override { m_feed.fileStarted(file); }
    void fileCollected(int file, const TestFileResult &r) override
    {
        m_feed.fileCollected(file, r);
    }
    void testStarted(int file, const TestCaseResult &t) override { m_feed.testStarted(file, t); }
    void testFinished(int file, const TestCaseResult &t) override { m_feed.testFinished(file, t); }
    void consoleLine(int file, const TestConsoleLine &l) override { m_feed.consoleLine(file, l); }
    void fileFinished(int file, const TestFileResult &r) override { m_feed.fileFinished(file, r); }
    void runFinished(const TestRunSummary &s) override { m_feed.runFinished(s); }

private:
    TestRunFeed &m_feed;
    std::function<void()> m_started;
};

} // namespace

struct TestSession::Impl {
    Options options;
    TestRunModel *results = nullptr;
    ModuleGraphModel *graph = nullptr;
    TestRunFeed *feed = nullptr; ///< child of the session (moves with it)

    ProjectConfig project;
    TestConfig config;
    std::unique_ptr<TransformService>
        transforms; ///< the session's own: no wait on the dev server's
    std::unique_ptr<DevSession> session;
    std::unique_ptr<ModuleGraphModelFeed> graphFeed;

    std::mutex runMutex; ///< guards runner and cancelled
    TestRunner *runner = nullptr;
    bool cancelled = false;

    void dropSession()
    {
        if (session)
            session->worker().withGraph([](ModuleGraph &g) { g.setObserver(nullptr); });
        graphFeed.reset();
        session.reset();
    }
};

TestSession::TestSession(Options options, TestRunModel *results, ModuleGraphModel *graph)
    : d(std::make_unique<Impl>())
{
    d->options = std::move(options);
    d->results = results;
    d->graph = graph;
    d->feed = new TestRunFeed(this);
    d->feed->connectTo(results);
}

TestSession::~TestSession()
{
    stop();
}

void TestSession::cancel()
{
    std::lock_guard lock(d->runMutex);
    d->cancelled = true;
    if (d->runner)
        d->runner->cancel();
}

bool TestSession::loadProject(QString *error)
{
    std::string message;
    ProjectConfig project;
    ProjectLoadOptions loadOptions;
    loadOptions.mode = "test";
    loadOptions.mainOptional = true;   // as the pool: without `main`, no SELF
    loadOptions.readTestConfig = true; // vitest.config.* (globalSetup: only `switchyard test`)
    if (!loadProjectConfig(d->options.projectDir.toStdString(), app::toolsJsDir().toStdString(),
                           project, message, loadOptions)) {
        *error = QString::fromStdString(message);
        return false;
    }
    // Test runs keep their own pre-bundles (as `switchyard test` does), in
    // Vitest's mode.
    project.cacheDir += "/test";
    TestConfig config;
    if (!applyVitestTestConfig(project, config, message) ||
        !loadTestConfig(project.root, config, message)) {
        *error = QString::fromStdString(message);
        return false;
    }
    d->project = std::move(project);
    d->config = std::move(config);
    return true;
}

QStringList TestSession::findFiles()
{
    QStringList files;
    std::vector<std::string> found = findTestFiles(d->project.root, d->config, {});
    if (!d->config.includeGiven) {
        // Node-side files (rwsdk/e2e, puppeteer, playwright): not worker tests.
        const std::vector<SkippedTestFile> skipped = takeNodeSideTestFiles(found);
        if (!skipped.empty())
            emit statusMessage(tr("Skipped %n test file(s) that run in Node, not in the worker "
                                  "(they import a browser or dev-server driver)",
                                  "", int(skipped.size())));
    }
    for (const std::string &file : found)
        files << QString::fromStdString(file);
    emit discovered(QString::fromStdString(d->project.root), files);
    return files;
}

void TestSession::discover()
{
    QString error;
    if (!loadProject(&error)) {
        emit failed(error);
        return;
    }
    findFiles();
}

bool TestSession::prepareSession(const QStringList &files)
{
    emit graphReset();
    d->dropSession();
    if (!d->transforms)
        d->transforms = std::make_unique<TransformService>();
    d->session = std::make_unique<DevSession>(d->project, *d->transforms);
    d->session->worker().withGraph([&](ModuleGraph &graph) {
        d->graphFeed = std::make_unique<ModuleGraphModelFeed>(&graph);
        d->graphFeed->connectTo(d->graph);
        graph.setObserver(d->graphFeed.get());
    });
    installTestModules(*d->session);
    // No browser loads these client modules: no React Fast Refresh (Babel) pass for them.
    d->session->client().setDeferReactRefresh(true);
    std::vector<std::string> entries;
    for (const QString &file : files)
        entries.push_back(file.toStdString());
    entries.insert(entries.end(), d->config.setupFiles.begin(), d->config.setupFiles.end());
    bool ok = true;
    for (const OptimizerRun &run : d->session->prepare(entries))
        if (run.outcome == OptimizerOutcome::Failed) {
            emit failed(tr("Pre-bundling the test files' dependencies failed (%1): %2")
                            .arg(QString::fromStdString(run.environment),
                                 QString::fromStdString(run.error)));
            ok = false;
        }
    return ok;
}

bool TestSession::graphHas(const QString &file)
{
    if (!d->session)
        return false;
    bool has = false;
    const std::string path = file.toStdString();
    d->session->worker().withGraph([&](ModuleGraph &graph) {
        has = graph.moduleById(path) || !graph.modulesByFile(path).empty();
    });
    return has;
}

void TestSession::run(const QList<TestJob> &requested)
{
    // A cancel() that came after the request (the GUI offers Stop from then
    // on) but before this slot ran still ends this run; the next run starts
    // uncancelled.
    struct EndOfRun {
        TestSession *session;
        ~EndOfRun()
        {
            {
                std::lock_guard lock(session->d->runMutex);
                session->d->cancelled = false;
            }
            emit session->busyChanged(false);
        }
    } endOfRun{this};
    emit busyChanged(true);
    QString error;
    if (!loadProject(&error)) {
        emit failed(error);
        return;
    }
    const QStringList files = findFiles();
    const QSet<QString> present(files.begin(), files.end());
    std::vector<TestJob> jobs;
    if (requested.isEmpty()) {
        for (const QString &file : files)
            jobs.push_back({file.toStdString(), {}});
    } else {
        for (const TestJob &job : requested) // files deleted since are dropped
            if (present.contains(QString::fromStdString(job.file)))
                jobs.push_back(job);
    }
    if (jobs.empty()) {
        emit statusMessage(files.isEmpty() ? tr("No test files found") : QString());
        return;
    }
    {
        std::lock_guard lock(d->runMutex);
        if (d->cancelled) // stopped before it began: no pre-bundling either
            return;
    }

    // A fresh session per run: edits since the last run are transformed
    // anew and new dependencies pre-bundled, and nothing of the last run's
    // module instances leaks into this one.
    emit statusMessage(
        tr("Pre-bundling the dependencies of %n test file(s)…", nullptr, int(files.size())));
    prepareSession(files);

    TestRunOptions options;
    options.maxWorkers = d->options.maxWorkers;
    options.config = d->config;
    // The runner gives each file fresh in-memory KV/D1 for the app's
    // bindings (migrations applied); the result keeps it, and the model keeps
    // it until the file runs again, for the storage inspector.
    TestRunner runner(*d->session, options);
    {
        std::lock_guard lock(d->runMutex);
        if (d->cancelled) {
            emit statusMessage(QString());
            return;
        }
        d->runner = &runner;
    }
    emit statusMessage(QString());
    RunListener listener(*d->feed, [this] {
        std::lock_guard lock(d->runMutex);
        if (d->cancelled)
            d->runner->cancel();
    });
    d->feed->setJobs(jobs);
    runner.run(jobs, &listener);
    std::lock_guard lock(d->runMutex); // before `runner` goes
    d->runner = nullptr;
}

void TestSession::loadGraph(const QString &file)
{
    if (!graphHas(file)) {
        QString error;
        if (!loadProject(&error)) {
            emit failed(error);
            return;
        }
        emit statusMessage(tr("Loading the test files' module graph…"));
        prepareSession(findFiles());
        emit statusMessage(QString());
    }
    emit graphReady(file);
}

void TestSession::stop()
{
    cancel();
    d->dropSession();
    d->transforms.reset();
}

} // namespace sy
