// `switchyard serve`: run the dev server until SIGINT/SIGTERM.
#include "cliCommon.h"
#include "core/startupTrace.h"
#include "dev/devServer.h"
#include "dev/devSession.h"
#include "env/packageDirectiveScan.h"
#include "journal/journal.h"
#include "js/nodeBuiltinCodeCache.h"
#include "js/transformDiskCache.h"
#include "js/transformService.h"
#include "js/workerIsolate.h"
#include "server/hostCheck.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace sy::cli {

namespace {
std::atomic<bool> g_stopRequested{false};
void requestStop(int)
{
    g_stopRequested = true;
}
} // namespace

int runServe(const QStringList &args)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the dev server: pages from the worker isolate, browser modules from the client "
        "environment, HMR over WebSocket. Listens on loopback unless --host says otherwise."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dir"),
                                 QStringLiteral("App folder (default: the bundled example)."));
    parser.addOption({QStringLiteral("port"),
                      QStringLiteral("Port (default 5173; 0 picks a free one)."),
                      QStringLiteral("port"), QStringLiteral("5173")});
    parser.addOption({QStringLiteral("host"),
                      QStringLiteral("Address to listen on (default 127.0.0.1)."),
                      QStringLiteral("host"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("allowed-host"),
                      QStringLiteral("Also accept this Host name (repeatable; a leading dot "
                                     "accepts its subdomains). Loopback names always pass."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("allowed-origin"),
                      QStringLiteral("Also accept this Origin on POSTs and the HMR socket "
                                     "(repeatable; exact scheme://host:port, e.g. behind a "
                                     "proxy). The server's own origin always passes."),
                      QStringLiteral("origin")});
    parser.addOption({QStringLiteral("journal"),
                      QStringLiteral("Record every engine event into this SQLite file (WAL; "
                                     "read it with `switchyard journal FILE`)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("no-watch"), QStringLiteral("Do not watch the app's files.")});
    parser.addOption({QStringLiteral("cpu-limit"),
                      QStringLiteral("CPU time one worker turn may use, in ms (default 5000): "
                                     "a longer synchronous run is stopped."),
                      QStringLiteral("ms"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("max-file-size"),
                      QStringLiteral("Largest file the dev server reads for a request, in MB "
                                     "(default 64); larger ones answer 403."),
                      QStringLiteral("MB"), QStringLiteral("64")});
    parser.addOption({QStringLiteral("memory-limit"),
                      QStringLiteral("Live memory (V8 heap + ArrayBuffers) the worker isolate "
                                     "may hold, in MB (default 128, as Workers)."),
                      QStringLiteral("mb"), QStringLiteral("128")});
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("Vite's mode: import.meta.env.MODE and the .env.[mode] "
                                     "files (default development)."),
                      QStringLiteral("mode"), QStringLiteral("development")});
    parser.addOption({{QStringLiteral("e"), QStringLiteral("env")},
                      QStringLiteral("The wrangler config's environment env.<name> (default: "
                                     "CLOUDFLARE_ENV, else the top level), as wrangler --env."),
                      QStringLiteral("name")});
    parser.process(args);                 // --help and bad options exit here
    nodeBuiltinCodeCache::prepareAhead(); // read on an idle core while the project loads
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode.isEmpty() || mode == QLatin1String("local") || mode.contains(QLatin1Char('/')))
        return usageError("serve", QStringLiteral("--mode must be a name other than \"local\" "
                                                  "(it would clash with .env.local)"));
    bool portOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    if (!portOk || port > 65535)
        return usageError("serve", QStringLiteral("--port must be 0..65535"));
    bool limitOk = false;
    const uint cpuLimit = parser.value(QStringLiteral("cpu-limit")).toUInt(&limitOk);
    if (!limitOk || cpuLimit == 0)
        return usageError("serve", QStringLiteral("--cpu-limit must be a positive number of ms"));
    bool sizeOk = false;
    const uint maxFileMb = parser.value(QStringLiteral("max-file-size")).toUInt(&sizeOk);
    if (!sizeOk || maxFileMb == 0 || maxFileMb > 1024 * 1024)
        return usageError("serve",
                          QStringLiteral("--max-file-size must be a positive number of MB"));
    const uint memoryLimit = parser.value(QStringLiteral("memory-limit")).toUInt(&limitOk);
    if (!limitOk || memoryLimit < 16 || memoryLimit > 16384)
        return usageError("serve", QStringLiteral("--memory-limit must be 16..16384 (MB)"));

    ProjectConfig project;
    if (const int refused = refuseNonAppDir("serve", parser.positionalArguments().value(0)))
        return refused;
    // The worker's Node environment is made while vite.config is read (a tool
    // isolate of its own): neither needs the other. So is the search of the
    // dependencies' packages for directive modules (the optimizer runs ask for it).
    WorkerIsolate::prepareEnvironmentAhead();
    prescanDependencyDirectivesAhead(
        QDir(parser.positionalArguments().value(0, QStringLiteral(".")))
            .absolutePath()
            .toStdString());
    {
        startupTrace::Scope trace("project config (wrangler config, vite.config)");
        ProjectLoadOptions loadOptions;
        loadOptions.mode = mode.toStdString();
        if (parser.isSet(QStringLiteral("env")))
            loadOptions.cloudflareEnv = parser.value(QStringLiteral("env")).toStdString();
        if (!loadProject(parser.positionalArguments().value(0), project, loadOptions))
            return 1;
    }
    const double sessionStart = startupTrace::sinceProcessStartMs();
    DevSession session(project, TransformService::shared());
    startupTrace::mark("DevSession constructed",
                       startupTrace::sinceProcessStartMs() - sessionStart);
    std::unique_ptr<Journal> journal;
    if (parser.isSet(QStringLiteral("journal"))) {
        std::string journalError;
        journal =
            Journal::open(parser.value(QStringLiteral("journal")).toStdString(), &journalError);
        if (!journal) {
            std::fprintf(stderr, "switchyard serve: %s\n", journalError.c_str());
            return 1;
        }
    }
    DevServerConfig config;
    config.watch = !parser.isSet(QStringLiteral("no-watch"));
    if (journal)
        config.record = [&journal](JournalEvent event) { journal->record(std::move(event)); };
    config.http.port = uint16_t(port);
    config.http.host = parser.value(QStringLiteral("host")).toStdString();
    for (const QString &name : parser.values(QStringLiteral("allowed-host")))
        config.http.allowedHosts.push_back(name.toStdString());
    for (const QString &origin : parser.values(QStringLiteral("allowed-origin"))) {
        if (normalizeOrigin(origin.toStdString()).empty())
            return usageError("serve",
                              QStringLiteral("--allowed-origin needs scheme://host[:port], "
                                             "not %1")
                                  .arg(origin));
        config.http.allowedOrigins.push_back(origin.toStdString());
    }
    config.cpuLimitMs = cpuLimit;
    config.maxFileBytes = uint64_t(maxFileMb) << 20;
    config.memoryLimitMb = memoryLimit;
    // Each run of the start as it ends (the client's may end after "ready").
    config.onPrepareRun = [](const OptimizerRun &run) {
        std::fprintf(stderr, "optimizer %s: %s (%zu deps added, browserHash %s, %.0f ms)%s%s\n",
                     run.environment.c_str(), optimizerOutcomeName(run.outcome).data(),
                     run.depsAdded.size(), run.newBrowserHash.c_str(), run.durationMs,
                     run.error.empty() ? "" : ": ", run.error.c_str());
    };
    DevServer server(session, config);
    std::string error;
    const bool started = server.start(&error);
    if (!started) {
        std::fprintf(stderr, "switchyard serve: %s\n", error.c_str());
        return 1;
    }
    const std::string framework =
        project.framework.kind == FrameworkKind::Rwsdk
            ? " (" + project.framework.packageName + " " + project.framework.version + ")"
            : std::string();
    startupTrace::mark("ready (listening)");
    if (startupTrace::enabled()) {
        const TransformDiskCache::Stats t = TransformDiskCache::instance().stats();
        startupTrace::mark("transform cache so far: " + std::to_string(t.hits) + " from disk, " +
                           std::to_string(t.misses) + " missed, " + std::to_string(t.writes) +
                           " written");
    }
    std::printf("Switchyard dev server for %s%s\n  %s/  (ready in %lld ms)\n", project.name.c_str(),
                framework.c_str(), server.origin().c_str(),
                static_cast<long long>(sinceStart.elapsed()));
    std::fflush(stdout);

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    poll.start(50);
    const int code = QCoreApplication::exec();
    server.stop();
    return code;
}

} // namespace sy::cli
