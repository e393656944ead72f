#include "engineWorker.h"

#include "dev/moduleInspection.h"
#include "js/workerIsolate.h"
#include <nlohmann/json.hpp>

#include "dev/devServer.h"
#include "dev/devSession.h"
#include "dev/hotUpdater.h"
#include "env/projectConfig.h"
#include "graph/moduleGraph.h"
#include "graph/moduleGraphModel.h"
#include "journal/journal.h"
#include "journal/journalFeed.h"
#include "journal/journalModel.h"
#include "js/transformService.h"
#include "optimizer/depsOptimizer.h"
#include "runtimePaths.h"

#include <QTcpServer>
#include <vector>

namespace sy {

namespace {
constexpr EnvironmentKind kKinds[] = {EnvironmentKind::Client, EnvironmentKind::Ssr,
                                      EnvironmentKind::Worker};

bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}
} // namespace

struct EngineWorker::Impl {
    Options options;
    ModuleGraphModel *modules;
    JournalModel *events;
    ProjectConfig project;
    std::unique_ptr<Journal> journal;
    std::unique_ptr<DevSession> session;
    std::unique_ptr<DevServer> server;
    std::vector<std::unique_ptr<ModuleGraphModelFeed>> feeds;
};

EngineWorker::EngineWorker(Options options, ModuleGraphModel *modules, JournalModel *events)
    : d(std::make_unique<Impl>())
{
    d->options = std::move(options);
    d->modules = modules;
    d->events = events;
}

EngineWorker::~EngineWorker()
{
    stop();
}

void EngineWorker::start()
{
    std::string error;
    if (!loadProjectConfig(d->options.projectDir.toStdString(),
                           app::toolsJsDir().toStdString(), d->project, error)) {
        emit failed(QString::fromStdString(error));
        return;
    }
    QStringList warnings;
    // The framework version is outside what the engine knows, or not installed.
    if (!d->project.framework.versionWarning.empty())
        warnings << QString::fromStdString(d->project.framework.versionWarning);
    for (const std::string &warning : d->project.vite.warnings)
        warnings << QString::fromStdString(warning);
    emit configWarnings(warnings);
    d->journal = Journal::open(":memory:", &error);
    if (!d->journal) {
        emit failed(QString::fromStdString(error));
        return;
    }
    connect(d->journal->feed(), &JournalFeed::eventRecorded, d->events, &JournalModel::append,
            Qt::QueuedConnection);

    d->session = std::make_unique<DevSession>(d->project, TransformService::shared());
    for (EnvironmentKind kind : kKinds) {
        d->session->environment(kind).withGraph([&](ModuleGraph &graph) {
            auto feed = std::make_unique<ModuleGraphModelFeed>(&graph);
            feed->connectTo(d->modules);
            graph.setObserver(feed.get());
            d->feeds.push_back(std::move(feed));
        });
    }

    DevServerConfig config;
    config.watch = d->options.watch;
    Journal *journal = d->journal.get();
    config.record = [journal](JournalEvent event) { journal->record(std::move(event)); };
    config.http.port = portIsFree(d->options.port) ? d->options.port : 0;
    d->server = std::make_unique<DevServer>(*d->session, config);
    if (!d->server->start(&error)) {
        emit failed(QString::fromStdString(error));
        stop();
        return;
    }
    connect(&d->server->updater(), &HotUpdater::updated, this, &EngineWorker::publishStatus);
    d->session->crawlAll(); // errors are the modules' own; the graphs show them
    publishStatus();
    emit storageReady(d->server->storage());
    emit started(QString::fromStdString(d->project.name),
                 QString::fromStdString(d->server->origin()));
}

void EngineWorker::publishStatus()
{
    if (!d->server)
        return;
    QMap<QString, QString> hashes;
    for (EnvironmentKind kind : kKinds) {
        const DepsMetadata meta = d->session->environment(kind).optimizer().metadata();
        hashes.insert(QString::fromStdString(std::string(environmentName(kind))),
                      QString::fromStdString(meta.browserHash));
    }
    emit statusChanged(hashes, d->server->updater().generation());
}

void EngineWorker::stop()
{
    if (d->server) {
        d->server->stop();
        d->server.reset();
    }
    if (d->session) {
        for (EnvironmentKind kind : kKinds)
            d->session->environment(kind).withGraph(
                [](ModuleGraph &graph) { graph.setObserver(nullptr); });
    }
    d->feeds.clear();
    d->session.reset();
    d->journal.reset(); // flushes: the last events still reach the model
}

void EngineWorker::inspect(const QString &file)
{
    if (!d->session)
        return;
    std::vector<EvaluatedModule> evaluated;
    if (d->server)
        evaluated = d->server->worker().evaluatedModules();
    const nlohmann::json j = inspectModuleEverywhere(*d->session, file.toStdString(), &evaluated);
    emit inspected(file, QByteArray::fromStdString(j.dump()));
}

} // namespace sy
