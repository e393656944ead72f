// `switchyard test`: find the app's test files, pre-bundle what they import,
// run each file in its own fresh worker isolate (N in parallel) and report;
// with --watch, stay up and rerun what an edit touches (testWatch.cpp).
#include "testCommand.h"
#include "core/startupTrace.h"
#include "js/nodeBuiltinCodeCache.h"
#include "testProjects.h"

#include "cliCommon.h"
#include "env/vitestConfig.h"
#include "runtimePaths.h"
#include "testing/nodeSideTests.h"
#include "testing/testFiles.h"
#include "testing/testRunListeners.h"
#include "testing/vitestTestConfig.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace sy::cli {

namespace {

/// True if `path` is a folder inside `appDir` (a filter such as `tests/`).
bool isInside(const QString &path, const QString &appDir)
{
    const QString inner = QFileInfo(path).canonicalFilePath();
    const QString outer = QFileInfo(appDir).canonicalFilePath();
    return !inner.isEmpty() && !outer.isEmpty() && inner.startsWith(outer + QLatin1Char('/'));
}

/// Writes a report to `path` (relative to the app root, as Vitest resolves
/// outputFile against its root; folders created) or stdout.
bool writeReport(const std::string &root, const QString &path, const std::string &text,
                 const char *label, std::FILE *human)
{
    if (path.isEmpty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return true;
    }
    namespace fs = std::filesystem;
    fs::path target = path.toStdString();
    if (target.is_relative())
        target = fs::path(root) / target;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out << text;
    if (!out) {
        std::fprintf(stderr, "switchyard test: cannot write %s\n", target.c_str());
        return false;
    }
    std::fprintf(human, "%s report written to %s\n", label, target.lexically_normal().c_str());
    std::fflush(human);
    return true;
}

double epochMs()
{
    return static_cast<double>(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

int TestCommand::load()
{
    // The first argument is the app when it is an app folder. An existing folder
    // that is not an app is an error (it would otherwise become a filter and
    // run another app's tests), unless it lies inside the app the current
    // folder holds (`switchyard test tests/` there filters by path). Anything
    // else is a filter.
    QStringList positional = cli.positional;
    const bool cwdIsApp = isAppDir(QDir::currentPath());
    if (!positional.isEmpty() && isAppDir(positional.first()))
        dir = positional.takeFirst();
    else if (!positional.isEmpty() && QFileInfo(positional.first()).isDir() &&
             !(cwdIsApp && isInside(positional.first(), QDir::currentPath())))
        return refuseNonAppDir("test", positional.first());
    else if (cwdIsApp)
        dir = QDir::currentPath();
    filters.clear();
    for (const QString &f : positional)
        filters.push_back(f.toStdString());

    // A reload (--watch) first tears down the previous load's globalSetup.
    tearDownGlobalSetup();
    ProjectLoadOptions loadOptions;
    loadOptions.mode = cli.mode;
    loadOptions.mainOptional = true;   // as the pool: without `main`, no SELF
    loadOptions.readTestConfig = true; // vitest.config.* / vite.config.* with its `test` block
    loadOptions.runGlobalSetup = !cli.printConfig;
    loadOptions.cloudflareEnv = cli.cloudflareEnv;
    {
        startupTrace::Scope trace("project config (wrangler config, vitest.config)");
        if (!loadProject(dir, project, loadOptions))
            return 2;
    }
    options = {};
    std::string error;
    const bool configOk = applyVitestTestConfig(project, options.config, error);
    globalSetupId = options.config.globalSetupId;
    if (!configOk || !loadTestConfig(project.root, options.config, error)) {
        std::fprintf(stderr, "switchyard test: %s\n", error.c_str());
        return 2;
    }
    applyRunOverrides(cli, options);
    options.processExitsAfterRun = !watchMode(cli); // runTest ends with exitNow()
    options.testNamePattern = cli.testNamePattern;
    options.updateSnapshot = snapshotUpdateMode(cli.update ? "all" : "",
                                                std::getenv("UPDATE_SNAPSHOT"), std::getenv("CI"));

    // A config with test.projects runs no tests itself: its projects do.
    projects.clear();
    if (const int code = loadTestProjects(*this); code >= 0)
        return code;
    if (!projects.empty()) {
        if (cli.printConfig) {
            const std::string text = testProjectsConfigJson(*this);
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        }
        files.clear();
        for (const auto &run : projects)
            files.insert(files.end(), run->files.begin(), run->files.end());
        return -1;
    }
    if (!cli.projects.empty()) {
        // Without test.projects the app is the one project, named by test.name.
        const nlohmann::json test = nlohmann::json::parse(project.vitestTestJson, nullptr, false);
        const std::string name =
            test.is_object() && test.contains("name") && test["name"].is_string()
                ? test["name"].get<std::string>()
                : std::string();
        if (!matchesProjectFilter(name, cli.projects)) {
            std::string list;
            for (const std::string &f : cli.projects)
                list += (list.empty() ? "" : "\", \"") + f;
            std::fprintf(stderr, "switchyard test: No projects matched the filter \"%s\".\n",
                         list.c_str());
            return 1;
        }
    }
    files = findTestFiles(project.root, options.config, filters, cli.shard.value_or(TestShard{}));
    if (cli.printConfig) {
        const std::string text = testConfigToJson(project, options.config, files);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    // Files that drive a browser or a dev server from Node (rwsdk/e2e,
    // puppeteer, playwright) are no worker tests, unless the config's own
    // include globs name them.
    if (!options.config.includeGiven) {
        const std::vector<SkippedTestFile> skipped = takeNodeSideTestFiles(files);
        if (!skipped.empty())
            std::fprintf(human, "Skipped %zu test file(s) that run in Node, not in the worker:\n",
                         skipped.size());
        for (const SkippedTestFile &s : skipped)
            std::fprintf(human, "  %s: %s\n",
                         std::filesystem::relative(s.file, project.root).generic_string().c_str(),
                         s.reason.c_str());
        if (!skipped.empty())
            std::fprintf(human, "  (to run them anyway, list them in package.json "
                                "\"switchyard.test.include\")\n");
    }
    // Test runs keep their own pre-bundles: a dev server running meanwhile
    // never races them, and its re-optimizations never disturb a run.
    project.cacheDir = project.cacheDir + "/test";
    return -1;
}

bool TestCommand::prepare()
{
    const auto t0 = std::chrono::steady_clock::now();
    runner.reset();
    session.reset();
    transforms = std::make_unique<TransformService>();
    session = std::make_unique<DevSession>(project, *transforms);
    runner = prepareTestSession(*session, options, files);
    transformMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;
}

std::unique_ptr<TestRunner> prepareTestSession(DevSession &session, const TestRunOptions &options,
                                               const std::vector<std::string> &files,
                                               const std::string &label)
{
    // No browser loads these client modules: no React Fast Refresh (Babel) pass for them.
    session.client().setDeferReactRefresh(true);
    std::vector<std::string> entries = files;
    entries.insert(entries.end(), options.config.setupFiles.begin(),
                   options.config.setupFiles.end());
    // The runner installs the test modules; its pooled host isolates boot while the crawl
    // below runs.
    auto runner = std::make_unique<TestRunner>(session, options);
    runner->prestart(files.size());
    startupTrace::Scope trace("test session prepared");
    const std::string project = label.empty() ? std::string() : ", project " + label;
    for (const OptimizerRun &r : session.prepare(entries))
        if (r.outcome == OptimizerOutcome::Failed)
            std::fprintf(stderr, "switchyard test: pre-bundling failed (%s%s): %s\n",
                         r.environment.c_str(), project.c_str(), r.error.c_str());
    return runner;
}

void TestCommand::tearDownGlobalSetup()
{
    tearDownProjectGlobalSetups(*this);
    for (const std::string &e :
         teardownVitestGlobalSetup(app::toolsJsDir().toStdString(), globalSetupId))
        std::fprintf(stderr, "switchyard test: %s\n", e.c_str());
    globalSetupId = 0;
}

TestCommand::~TestCommand()
{
    tearDownGlobalSetup();
}

TestRunSummary TestCommand::run(const std::vector<std::string> &runFiles, bool &reportsOk)
{
    std::vector<TestJob> jobs;
    for (const std::string &f : runFiles)
        jobs.push_back({f, {}});
    TestListenerFanOut listeners;
    for (const auto &console : consoles) {
        console->setTransformMs(transformMs);
        listeners.add(console.get());
    }
    BailListener bail(*runner, cli.bail);
    if (cli.bail > 0)
        listeners.add(&bail);
    startedAtMs = epochMs();
    const TestRunSummary summary = runner->run(jobs, &listeners);
    bail.finish();
    transformMs = 0; // a rerun's transforms happen inside its files' module load
    // The latest result of every file (the watch mode's module graphs).
    for (const TestFileResult &r : runner->results()) {
        auto it = std::find_if(lastResults.begin(), lastResults.end(),
                               [&](const TestFileResult &l) { return l.file == r.file; });
        TestFileResult copy = r;
        copy.storage.reset();
        if (it == lastResults.end())
            lastResults.push_back(std::move(copy));
        else
            *it = std::move(copy);
    }
    reportsOk = writeDocuments(runner->results(), summary);
    return summary;
}

bool TestCommand::writeDocuments(const std::vector<TestFileResult> &results,
                                 const TestRunSummary &summary)
{
    bool ok = true;
    for (const auto &[reporter, path] : documents) {
        std::string text;
        const char *label = "JSON";
        if (reporter == QLatin1String("json"))
            text = testResultsToJson(results, summary, startedAtMs, cli.passWithNoTests);
        else if (reporter == QLatin1String("junit"))
            text = testResultsToJunit(results, summary), label = "JUNIT";
        else
            text = testResultsToTap(results, reporter == QLatin1String("tap-flat")), label = "TAP";
        ok = writeReport(project.root, path, text, label, human) && ok;
    }
    return ok;
}

int runTest(const QStringList &args)
{
    TestCommand command;
    if (const int code = parseTestCli(args, command.cli); code >= 0)
        return code;
    nodeBuiltinCodeCache::prepareAhead(); // read on an idle core while the project loads
    const TestCliOptions &cli = command.cli;
    QString targetError;
    reportTargets(cli, command.documents, targetError);
    const bool documentToStdout = std::any_of(command.documents.begin(), command.documents.end(),
                                              [](const auto &d) { return d.second.isEmpty(); });
    command.human = documentToStdout ? stderr : stdout;
    const bool watch = watchMode(cli);
    if (const int code = command.load(); code >= 0)
        return code;

    command.color = cli.color && ::isatty(::fileno(command.human));
    for (const QString &r : cli.reporters) {
        if (isDocumentReporter(r))
            continue;
        ConsoleReporterOptions o;
        o.out = command.human;
        o.err = stderr;
        o.color = command.color;
        o.tty = ::isatty(::fileno(command.human));
        o.root = command.project.root;
        o.version = SY_VERSION;
        o.watch = watch;
        o.silent = cli.silent;
        o.hideSkippedTests = cli.hideSkippedTests;
        const auto style = r == QLatin1String("verbose") ? ConsoleTestReporter::Style::Verbose
                           : r == QLatin1String("tree")  ? ConsoleTestReporter::Style::Tree
                           : r == QLatin1String("dot")   ? ConsoleTestReporter::Style::Dot
                                                         : ConsoleTestReporter::Style::Default;
        command.consoles.push_back(std::make_unique<ConsoleTestReporter>(style, o));
    }
    // One banner, as Vitest's logger prints one whatever the reporters.
    if (!command.consoles.empty())
        command.consoles.front()->printBanner();

    if (command.files.empty() && !watch) {
        // Vitest's printNoTestFound: the filters and globs that found nothing.
        std::FILE *to = cli.passWithNoTests ? command.human : stderr;
        std::fprintf(to, "No test files found, exiting with code %d\n",
                     cli.passWithNoTests ? 0 : 1);
        std::string filterList;
        for (const std::string &f : command.filters)
            filterList += (filterList.empty() ? "" : ", ") + f;
        if (!filterList.empty())
            std::fprintf(stderr, "filter: %s\n", filterList.c_str());
        std::string include, exclude;
        for (const std::string &g : command.options.config.include)
            include += (include.empty() ? "" : ", ") + g;
        for (const std::string &g : command.options.config.exclude)
            exclude += (exclude.empty() ? "" : ", ") + g;
        std::fprintf(stderr, "include: %s\nexclude:  %s\n\n", include.c_str(), exclude.c_str());
        return cli.passWithNoTests ? 0 : 1;
    }

    bool reportsOk = true;
    TestRunSummary summary;
    if (!command.projects.empty()) {
        // test.projects: one run over every project, each in its own session
        // (kept for the reruns of --watch).
        summary = runTestProjects(command, reportsOk, nullptr, watch);
    } else {
        command.prepare();
        summary = command.run(command.files, reportsOk);
    }
    if (!reportsOk)
        return 2;
    if (watch)
        return watchTests(command, summary);
    // Vitest's globalSetup teardown still runs; the engine's own teardown does not need to.
    command.tearDownGlobalSetup();
    exitNow(summary.ok() ? 0 : 1);
}

} // namespace sy::cli
