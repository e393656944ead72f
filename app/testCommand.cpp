// `switchyard test`: find the app's test files, pre-bundle what they import,
// run each file in its own fresh worker isolate (N in parallel) and report.
#include "cliCommon.h"
#include "dev/devSession.h"
#include "js/transformService.h"
#include "testing/nodeSideTests.h"
#include "testing/testFiles.h"
#include "testing/testReporters.h"
#include "testing/testRunner.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
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

bool writeOutput(const QString &path, const std::string &text)
{
    if (path.isEmpty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return true;
    }
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
    if (!out) {
        std::fprintf(stderr, "switchyard test: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

} // namespace

int runTest(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the app's Vitest-style test files (*.test.ts, *.test.tsx, *.test.js, ... and the "
        "globs in package.json \"switchyard.test.include\"), each in its own fresh worker "
        "isolate with its own KV/D1 storage, several files in parallel. Exit code 1 when a "
        "test or file failed."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("dir"),
        QStringLiteral("App folder (default: the current folder if it holds wrangler.jsonc, "
                       "else the bundled example)."),
        QStringLiteral("[dir]"));
    parser.addPositionalArgument(QStringLiteral("filters"),
                                 QStringLiteral("Run only files whose path contains one of these."),
                                 QStringLiteral("[filter...]"));
    parser.addOption({QStringLiteral("max-workers"),
                      QStringLiteral("Files run in parallel (default: the number of cores)."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("reporter"),
                      QStringLiteral("default, json or junit (repeatable; json/junit go to "
                                     "--output-file or stdout)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("output-file"),
                      QStringLiteral("Where the json or junit reporter writes."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("shard"),
                      QStringLiteral("Run only part i of n of the files (e.g. 1/3)."),
                      QStringLiteral("i/n")});
    parser.addOption({{QStringLiteral("t"), QStringLiteral("test-name-pattern")},
                      QStringLiteral("Run only tests whose full name matches this regex."),
                      QStringLiteral("regex")});
    parser.addOption({QStringLiteral("test-timeout"),
                      QStringLiteral("Default timeout of one test in ms (default 5000 or "
                                     "package.json switchyard.test.testTimeout)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("pool"),
                      QStringLiteral("isolates (default: a fresh worker isolate per file) or "
                                     "contexts (a fresh realm per file in pooled isolates: "
                                     "faster; Web API classes shared between files)."),
                      QStringLiteral("pool")});
    parser.addOption({QStringLiteral("memory-limit"),
                      QStringLiteral("Live memory (V8 heap + ArrayBuffers) each file's isolate "
                                     "may hold, in MB (default 128, as Workers)."),
                      QStringLiteral("mb")});
    parser.addOption({{QStringLiteral("u"), QStringLiteral("update")},
                      QStringLiteral("Update snapshots: rewrite the ones that do not match and "
                                     "remove obsolete ones (Vitest's -u). Without it, new "
                                     "snapshots are written, except on CI (CI set), where "
                                     "nothing is written and a missing snapshot fails.")});
    parser.addOption({QStringLiteral("no-color"), QStringLiteral("No ANSI colours.")});
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("Vite's mode: import.meta.env.MODE and the .env.[mode] "
                                     "files (default test, as Vitest)."),
                      QStringLiteral("mode"), QStringLiteral("test")});
    parser.process(args);
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode.isEmpty() || mode == QLatin1String("local") || mode.contains(QLatin1Char('/')))
        return usageError("test", QStringLiteral("--mode must be a name other than \"local\" "
                                                 "(it would clash with .env.local)"));

    // The first argument is the app when it is an app folder. An existing folder
    // that is not an app is an error (it would otherwise become a filter and
    // run another app's tests), unless it lies inside the app the current
    // folder holds (`switchyard test tests/` there filters by path). Anything
    // else is a filter.
    QStringList positional = parser.positionalArguments();
    QString dir;
    const bool cwdIsApp = isAppDir(QDir::currentPath());
    if (!positional.isEmpty() && isAppDir(positional.first()))
        dir = positional.takeFirst();
    else if (!positional.isEmpty() && QFileInfo(positional.first()).isDir() &&
             !(cwdIsApp && isInside(positional.first(), QDir::currentPath())))
        return refuseNonAppDir("test", positional.first());
    else if (cwdIsApp)
        dir = QDir::currentPath();
    std::vector<std::string> filters;
    for (const QString &f : positional)
        filters.push_back(f.toStdString());

    QStringList reporters = parser.values(QStringLiteral("reporter"));
    if (reporters.isEmpty())
        reporters = {QStringLiteral("default")};
    int machineReporters = 0;
    for (const QString &r : reporters) {
        if (r != QLatin1String("default") && r != QLatin1String("json") &&
            r != QLatin1String("junit"))
            return usageError(
                "test", QStringLiteral("unknown reporter \"%1\" (default, json, junit)").arg(r));
        machineReporters += r == QLatin1String("default") ? 0 : 1;
    }
    const QString outputFile = parser.value(QStringLiteral("output-file"));
    if (machineReporters > 1 && outputFile.isEmpty())
        return usageError("test", QStringLiteral("json and junit together need --output-file "
                                                 "(json then goes to stdout)"));

    ProjectConfig project;
    if (!loadProject(dir, project, mode.toStdString()))
        return 2;
    TestRunOptions options;
    std::string error;
    if (!loadTestConfig(project.root, options.config, error)) {
        std::fprintf(stderr, "switchyard test: %s\n", error.c_str());
        return 2;
    }
    TestShard shard;
    if (parser.isSet(QStringLiteral("shard")) &&
        !parseTestShard(parser.value(QStringLiteral("shard")).toStdString(), shard, error))
        return usageError("test", QString::fromStdString(error));
    if (parser.isSet(QStringLiteral("max-workers"))) {
        bool ok = false;
        options.maxWorkers = parser.value(QStringLiteral("max-workers")).toInt(&ok);
        if (!ok || options.maxWorkers < 1)
            return usageError("test", QStringLiteral("--max-workers must be a positive number"));
    }
    if (parser.isSet(QStringLiteral("test-timeout"))) {
        bool ok = false;
        options.config.testTimeoutMs = parser.value(QStringLiteral("test-timeout")).toDouble(&ok);
        if (!ok || options.config.testTimeoutMs <= 0)
            return usageError("test", QStringLiteral("--test-timeout must be a positive number"));
    }
    if (parser.isSet(QStringLiteral("memory-limit"))) {
        bool ok = false;
        options.config.memoryLimitMb = parser.value(QStringLiteral("memory-limit")).toUInt(&ok);
        if (!ok || options.config.memoryLimitMb < 16 || options.config.memoryLimitMb > 16384)
            return usageError("test", QStringLiteral("--memory-limit must be 16..16384 (MB)"));
    }
    options.testNamePattern = parser.value(QStringLiteral("test-name-pattern")).toStdString();
    options.updateSnapshot = snapshotUpdateMode(parser.isSet(QStringLiteral("update")) ? "all" : "",
                                                std::getenv("UPDATE_SNAPSHOT"), std::getenv("CI"));
    if (parser.isSet(QStringLiteral("pool"))) {
        const QString pool = parser.value(QStringLiteral("pool"));
        if (pool != QLatin1String("isolates") && pool != QLatin1String("contexts"))
            return usageError("test", QStringLiteral("--pool must be isolates or contexts"));
        options.config.pool = pool.toStdString();
    }

    std::vector<std::string> files = findTestFiles(project.root, options.config, filters, shard);
    const bool humanOut = reporters.contains(QStringLiteral("default"));
    std::FILE *human = (machineReporters > 0 && outputFile.isEmpty()) ? stderr : stdout;
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
    if (files.empty()) {
        std::fprintf(human, "No test files found in %s%s\n", project.root.c_str(),
                     filters.empty() ? "" : " matching the filters");
        return 1;
    }

    const double startTime = static_cast<double>(QDateTime::currentMSecsSinceEpoch());
    // Test runs keep their own pre-bundles: a dev server running meanwhile
    // never races them, and its re-optimizations never disturb a run.
    project.cacheDir = project.cacheDir + "/test";
    TransformService transforms;
    DevSession session(project, transforms);
    installTestModules(session);
    // No browser loads these client modules: no React Fast Refresh (Babel) pass for them.
    session.client().setDeferReactRefresh(true);
    for (const OptimizerRun &run : session.prepare(files))
        if (run.outcome == OptimizerOutcome::Failed)
            std::fprintf(stderr, "switchyard test: pre-bundling failed (%s): %s\n",
                         run.environment.c_str(), run.error.c_str());

    TestRunner runner(session, options);
    std::vector<TestJob> jobs;
    for (const std::string &f : files)
        jobs.push_back({f, {}});
    DefaultTestReporter reporter(human, !parser.isSet(QStringLiteral("no-color")) &&
                                            ::isatty(::fileno(human)));
    const TestRunSummary summary = runner.run(jobs, humanOut ? &reporter : nullptr);

    for (const QString &r : reporters) {
        QString target = outputFile;
        if (machineReporters > 1 && r == QLatin1String("json"))
            target.clear(); // documented: with both, json goes to stdout
        if (r == QLatin1String("json") &&
            !writeOutput(target, testResultsToJson(runner.results(), summary, startTime)))
            return 2;
        if (r == QLatin1String("junit") &&
            !writeOutput(outputFile, testResultsToJunit(runner.results(), summary)))
            return 2;
    }
    return summary.ok() ? 0 : 1;
}

} // namespace sy::cli
