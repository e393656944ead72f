#include "testCliOptions.h"

#include "cliCommon.h"

#include <QCommandLineParser>

#include <cstdlib>
#include <unistd.h>

namespace sy::cli {

namespace {

const QStringList kReporters = {QStringLiteral("default"), QStringLiteral("verbose"),
                                QStringLiteral("tree"),    QStringLiteral("dot"),
                                QStringLiteral("json"),    QStringLiteral("junit"),
                                QStringLiteral("tap"),     QStringLiteral("tap-flat")};

/// Takes the Vitest spellings QCommandLineParser cannot read out of `args`:
/// --outputFile.<reporter>[=| ]path and --silent[=| ]true|false|passed-only.
/// Returns false with `error` on a malformed one.
bool takeVitestForms(QStringList &args, TestCliOptions &out, QString &error)
{
    QStringList kept;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const QString prefix = QStringLiteral("--outputFile.");
        if (a.startsWith(prefix)) {
            QString rest = a.mid(prefix.size());
            QString name = rest.section(QLatin1Char('='), 0, 0);
            QString path;
            if (rest.contains(QLatin1Char('=')))
                path = rest.section(QLatin1Char('='), 1);
            else if (i + 1 < args.size())
                path = args[++i];
            if (name.isEmpty() || path.isEmpty()) {
                error = QStringLiteral("--outputFile.<reporter> needs a reporter and a path "
                                       "(--outputFile.json=report.json)");
                return false;
            }
            out.outputFiles[name] = path;
            continue;
        }
        if (a == QLatin1String("--silent") || a.startsWith(QLatin1String("--silent="))) {
            QString value = a.section(QLatin1Char('='), 1);
            if (!a.contains(QLatin1Char('=')) && i + 1 < args.size() &&
                (args[i + 1] == QLatin1String("true") || args[i + 1] == QLatin1String("false") ||
                 args[i + 1] == QLatin1String("passed-only")))
                value = args[++i];
            if (value.isEmpty() || value == QLatin1String("true"))
                out.silent = SilentMode::All;
            else if (value == QLatin1String("false"))
                out.silent = SilentMode::Off;
            else if (value == QLatin1String("passed-only"))
                out.silent = SilentMode::PassedOnly;
            else {
                error = QStringLiteral("--silent takes true, false or passed-only");
                return false;
            }
            continue;
        }
        kept.push_back(a);
    }
    args = kept;
    return true;
}

} // namespace

bool isDocumentReporter(const QString &name)
{
    return name == QLatin1String("json") || name == QLatin1String("junit") ||
           name == QLatin1String("tap") || name == QLatin1String("tap-flat");
}

bool reportTargets(const TestCliOptions &options, std::vector<std::pair<QString, QString>> &out,
                   QString &error)
{
    out.clear();
    std::map<QString, QString> usedBy;
    for (const QString &r : options.reporters) {
        if (!isDocumentReporter(r))
            continue;
        const auto own = options.outputFiles.find(r);
        const QString path = own != options.outputFiles.end() ? own->second : options.outputFile;
        if (!path.isEmpty() && usedBy.count(path)) {
            error = QStringLiteral("%1 and %2 would both write %3: give each its own file "
                                   "(--outputFile.%1=... --outputFile.%2=...)")
                        .arg(usedBy[path], r, path);
            return false;
        }
        if (!path.isEmpty())
            usedBy[path] = r;
        out.emplace_back(r, path);
    }
    return true;
}

int parseTestCli(const QStringList &argsIn, TestCliOptions &out)
{
    QStringList args = argsIn;
    QString formError;
    if (!takeVitestForms(args, out, formError))
        return usageError("test", formError);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the app's Vitest test files (*.test.ts, *.spec.ts, ... and the globs in "
        "package.json \"switchyard.test.include\"), each in its own fresh worker isolate with "
        "its own KV/D1 storage, several files in parallel. Exit code 1 when a test or file "
        "failed, 2 for bad usage or an app that cannot be loaded.\n"
        "Vitest's spellings work too: --outputFile.<reporter>=PATH, --silent=passed-only, "
        "--maxWorkers, --testTimeout, --testNamePattern."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("dir"),
        QStringLiteral("App folder (default: the current folder if it holds wrangler.jsonc, "
                       "else the bundled example)."),
        QStringLiteral("[dir]"));
    parser.addPositionalArgument(QStringLiteral("filters"),
                                 QStringLiteral("Run only files whose path contains one of these."),
                                 QStringLiteral("[filter...]"));
    parser.addOption({{QStringLiteral("max-workers"), QStringLiteral("maxWorkers")},
                      QStringLiteral("Files run in parallel (default: the number of cores)."),
                      QStringLiteral("n")});
    parser.addOption(
        {QStringLiteral("reporter"),
         QStringLiteral("default, verbose, tree, dot, json, junit, tap or tap-flat, as Vitest "
                        "writes them (repeatable: several at once). json, junit, tap and "
                        "tap-flat write to --outputFile (or --outputFile.<name>) or stdout; "
                        "the human output then goes to stderr."),
         QStringLiteral("name")});
    parser.addOption({{QStringLiteral("outputFile"), QStringLiteral("output-file")},
                      QStringLiteral("Where json/junit/tap write (--outputFile.json=a.json "
                                     "--outputFile.junit=b.xml: one file each)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("bail"),
                      QStringLiteral("Stop after n failed tests: files not started are not "
                                     "run, running ones are stopped (their remaining tests "
                                     "skipped); exit 1."),
                      QStringLiteral("n")});
    parser.addOption(
        {QStringLiteral("run"), QStringLiteral("Run once and exit (the default unless stdin is a "
                                               "terminal and CI is unset).")});
    parser.addOption(
        {{QStringLiteral("w"), QStringLiteral("watch")},
         QStringLiteral("Stay up after the run and rerun the test files whose module graph "
                        "holds an edited file (all of them after a config change); keys: a "
                        "reruns all, Enter reruns, q quits. The default when stdin is a "
                        "terminal and CI is unset.")});
    parser.addOption({{QStringLiteral("u"), QStringLiteral("update")},
                      QStringLiteral("Update snapshots: rewrite the ones that do not match and "
                                     "remove obsolete ones (Vitest's -u). Without it, new "
                                     "snapshots are written, except on CI (CI set), where "
                                     "nothing is written and a missing snapshot fails.")});
    parser.addOption(
        {QStringLiteral("passWithNoTests"), QStringLiteral("Exit 0 when no test file is found.")});
    parser.addOption({QStringLiteral("silent"),
                      QStringLiteral("Hide the tests' console output (--silent=passed-only: "
                                     "show it for failed tests only).")});
    parser.addOption(
        {QStringLiteral("hideSkippedTests"), QStringLiteral("Do not list skipped tests.")});
    parser.addOption({QStringLiteral("shard"),
                      QStringLiteral("Run only part i of n of the files (e.g. 1/3)."),
                      QStringLiteral("i/n")});
    parser.addOption({{QStringLiteral("t"), QStringLiteral("test-name-pattern"),
                       QStringLiteral("testNamePattern")},
                      QStringLiteral("Run only tests whose full name matches this regex."),
                      QStringLiteral("regex")});
    parser.addOption({{QStringLiteral("test-timeout"), QStringLiteral("testTimeout")},
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
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("Run only the projects of the config's test.projects whose "
                                     "name matches (repeatable; * is a wildcard, a leading ! "
                                     "excludes), as Vitest's --project."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("no-color"), QStringLiteral("No ANSI colours.")});
    parser.addOption({{QStringLiteral("e"), QStringLiteral("env")},
                      QStringLiteral("The wrangler config's environment env.<name> (default: "
                                     "CLOUDFLARE_ENV, else the top level), as wrangler --env."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("print-config"),
                      QStringLiteral("Print what was read (vitest/vite config, the Workers pool's "
                                     "options, the wrangler config, the files) as JSON and exit "
                                     "without running (globalSetup does not run).")});
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("Vite's mode: import.meta.env.MODE and the .env.[mode] "
                                     "files (default test, as Vitest)."),
                      QStringLiteral("mode"), QStringLiteral("test")});
    if (!parser.parse(args)) {
        return usageError("test", parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }

    out.positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("env")))
        out.cloudflareEnv = parser.value(QStringLiteral("env")).toStdString();
    out.printConfig = parser.isSet(QStringLiteral("print-config"));
    out.mode = parser.value(QStringLiteral("mode")).toStdString();
    if (out.mode.empty() || out.mode == "local" || out.mode.find('/') != std::string::npos)
        return usageError("test", QStringLiteral("--mode must be a name other than \"local\" "
                                                 "(it would clash with .env.local)"));
    out.reporters = parser.values(QStringLiteral("reporter"));
    if (out.reporters.isEmpty())
        out.reporters = {QStringLiteral("default")};
    for (const QString &r : out.reporters)
        if (!kReporters.contains(r))
            return usageError("test", QStringLiteral("unknown reporter \"%1\" (%2)")
                                          .arg(r, kReporters.join(QStringLiteral(", "))));
    for (const auto &[name, path] : out.outputFiles)
        if (!isDocumentReporter(name))
            return usageError("test", QStringLiteral("--outputFile.%1: only json, junit, tap and "
                                                     "tap-flat write a file")
                                          .arg(name));
    out.outputFile = parser.value(QStringLiteral("outputFile"));
    std::vector<std::pair<QString, QString>> targets;
    QString targetError;
    if (!reportTargets(out, targets, targetError))
        return usageError("test", targetError);

    out.color = !parser.isSet(QStringLiteral("no-color"));
    if (parser.isSet(QStringLiteral("run")) && parser.isSet(QStringLiteral("watch")))
        return usageError("test", QStringLiteral("--run and --watch exclude each other"));
    if (parser.isSet(QStringLiteral("run")))
        out.watch = false;
    if (parser.isSet(QStringLiteral("watch")))
        out.watch = true;
    if (parser.isSet(QStringLiteral("bail"))) {
        bool ok = false;
        out.bail = parser.value(QStringLiteral("bail")).toInt(&ok);
        if (!ok || out.bail < 1)
            return usageError("test", QStringLiteral("--bail must be a positive number"));
    }
    out.passWithNoTests = parser.isSet(QStringLiteral("passWithNoTests"));
    out.update = parser.isSet(QStringLiteral("update"));
    out.hideSkippedTests = parser.isSet(QStringLiteral("hideSkippedTests"));
    if (parser.isSet(QStringLiteral("shard"))) {
        TestShard shard;
        std::string error;
        if (!parseTestShard(parser.value(QStringLiteral("shard")).toStdString(), shard, error))
            return usageError("test", QString::fromStdString(error));
        out.shard = shard;
    }
    if (parser.isSet(QStringLiteral("max-workers"))) {
        bool ok = false;
        const int n = parser.value(QStringLiteral("max-workers")).toInt(&ok);
        if (!ok || n < 1)
            return usageError("test", QStringLiteral("--max-workers must be a positive number"));
        out.maxWorkers = n;
    }
    if (parser.isSet(QStringLiteral("test-timeout"))) {
        bool ok = false;
        const double ms = parser.value(QStringLiteral("test-timeout")).toDouble(&ok);
        if (!ok || ms <= 0)
            return usageError("test", QStringLiteral("--test-timeout must be a positive number"));
        out.testTimeoutMs = ms;
    }
    if (parser.isSet(QStringLiteral("memory-limit"))) {
        bool ok = false;
        const uint32_t mb = parser.value(QStringLiteral("memory-limit")).toUInt(&ok);
        if (!ok || mb < 16 || mb > 16384)
            return usageError("test", QStringLiteral("--memory-limit must be 16..16384 (MB)"));
        out.memoryLimitMb = mb;
    }
    out.testNamePattern = parser.value(QStringLiteral("test-name-pattern")).toStdString();
    for (const QString &project : parser.values(QStringLiteral("project")))
        out.projects.push_back(project.toStdString());
    if (parser.isSet(QStringLiteral("pool"))) {
        const QString pool = parser.value(QStringLiteral("pool"));
        if (pool != QLatin1String("isolates") && pool != QLatin1String("contexts"))
            return usageError("test", QStringLiteral("--pool must be isolates or contexts"));
        out.pool = pool.toStdString();
    }
    return -1;
}

bool watchMode(const TestCliOptions &cli)
{
    return cli.watch.value_or(::isatty(STDIN_FILENO) && !std::getenv("CI"));
}

void applyRunOverrides(const TestCliOptions &cli, TestRunOptions &options)
{
    options.keepIsolatesWarm = watchMode(cli); // a rerun takes the hosts the last run left up
    if (options.config.singleWorker)
        options.maxWorkers = 1; // the pool's singleWorker: one file at a time
    if (cli.maxWorkers)
        options.maxWorkers = *cli.maxWorkers;
    if (cli.testTimeoutMs)
        options.config.testTimeoutMs = *cli.testTimeoutMs;
    if (cli.memoryLimitMb)
        options.config.memoryLimitMb = *cli.memoryLimitMb;
    if (cli.pool)
        options.config.pool = *cli.pool;
}

} // namespace sy::cli
