#pragma once
// `switchyard test`'s command line: our options and the ones people pass to
// Vitest (--reporter, --outputFile and --outputFile.<reporter>=path, --bail,
// --run, --watch/-w, --passWithNoTests, --silent[=passed-only],
// --hideSkippedTests, camelCase spellings of the others), parsed into one
// struct. --help lists every option.
#include "testing/testFiles.h"
#include "testing/testReporters.h"
#include "testing/testRunner.h"

#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sy::cli {

struct TestCliOptions {
    QStringList positional; ///< [dir] [filter...], as given
    QStringList reporters;  ///< default, verbose, tree, dot, json, junit, tap, tap-flat
    QString outputFile;     ///< --outputFile / --output-file: every report without its own
    std::map<QString, QString> outputFiles; ///< --outputFile.<reporter>=path
    bool color = true;                      ///< unless --no-color
    std::optional<bool>
        watch;    ///< --watch / --run; unset: Vitest's default (watch on a TTY, not on CI)
    int bail = 0; ///< stop after this many failed tests (0: never)
    bool passWithNoTests = false;
    /// -u / --update: rewrite snapshots that do not match (Vitest's -u),
    /// TestRunOptions::updateSnapshot "all".
    bool update = false;
    SilentMode silent = SilentMode::Off;
    bool hideSkippedTests = false;
    std::string mode = "test";
    /// --env / -e: the wrangler config's env.<name> (unset: CLOUDFLARE_ENV).
    std::optional<std::string> cloudflareEnv;
    /// --print-config: print what was read as JSON and exit (globalSetup does not run).
    bool printConfig = false;
    std::optional<int> maxWorkers;
    std::optional<double> testTimeoutMs;
    std::optional<uint32_t> memoryLimitMb;
    std::optional<std::string> pool;
    std::string testNamePattern;
    std::optional<TestShard> shard;
    /// --project NAME (repeatable): run only the Vitest projects whose name
    /// matches one (Vitest's wildcards: `*`, a leading `!` excludes).
    std::vector<std::string> projects;
};

/// Parses `args` (args[0] is the program, args[1] "test"). Returns -1 when the
/// command should go on, else the exit code to return now (0 after --help, 2
/// after a usage error, which it printed).
int parseTestCli(const QStringList &args, TestCliOptions &out);

/// Where the document reporters write: reporter -> path ("" = stdout), in
/// the order given; false with `error` when two write to one file.
bool reportTargets(const TestCliOptions &options, std::vector<std::pair<QString, QString>> &out,
                   QString &error);

/// True for the reporters that write a document at the end (json, junit, tap, tap-flat).
bool isDocumentReporter(const QString &name);

/// Whether the command watches: --watch / --run, else Vitest's default (watch
/// when stdin is a terminal and CI is unset).
bool watchMode(const TestCliOptions &cli);

/// The command line over what the config says, for a run or one project's:
/// the pool's singleWorker (one file at a time), then --max-workers,
/// --testTimeout, --memory-limit and --pool where given; under watchMode the
/// pooled host isolates are kept warm between runs.
void applyRunOverrides(const TestCliOptions &cli, TestRunOptions &options);

} // namespace sy::cli
