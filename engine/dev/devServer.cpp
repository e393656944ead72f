#include "dev/devServer.h"

#include "dev/devSession.h"
#include "dev/requestRouter.h"
#include "js/workerIsolate.h"
#include "server/staticFiles.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

namespace sy {

namespace fs = std::filesystem;

namespace {
/// Completion sink of a preload: its outcome shows on the first request anyway.
class IgnoredResponse : public ResponseWriter {
public:
    void writeHead(int, std::vector<HttpHeader>) override {}
    void writeChunk(std::string_view) override {}
    void end() override {}
    void fail(std::string_view) override {}
};
} // namespace

struct DevServer::Impl {
    DevSession &session;
    DevServerConfig config;
    StaticFiles publicFiles;
    std::unique_ptr<WorkerIsolate> worker;
    std::unique_ptr<DevHttpServer> http;
    std::vector<OptimizerRun> prepareRuns;

    Impl(DevSession &s, DevServerConfig c)
        : session(s), config(std::move(c)), publicFiles({fs::path(s.project().root) / "public"})
    {
    }
};

DevServer::DevServer(DevSession &session, DevServerConfig config)
    : d(std::make_unique<Impl>(session, std::move(config)))
{
}

DevServer::~DevServer()
{
    stop();
}

bool DevServer::start(std::string *error)
{
    const ProjectConfig &project = d->session.project();
    WorkerOptions options;
    options.entryId = project.workerEntry;
    options.cpuLimitMs = d->config.cpuLimitMs;
    options.nodejsCompat = project.nodejsCompat;
    options.envJson = project.varsJson;
    options.globalsJson = nlohmann::json{
        {"__SWITCHYARD__",
         {{"clientEntryUrl", d->session.clientEntryUrl()},
          {"dev", true}}}}.dump();
    d->worker = std::make_unique<WorkerIsolate>(d->session.worker(), options);
    // The worker isolate starts on its own thread at once (a Node
    // environment costs ~130 ms) while this thread loads the deps caches and
    // crawls. With every cache warm, the isolate imports the entry during the
    // crawl; if the crawl then commits a new optimizer run anyway, the
    // preloaded modules are dropped below.
    std::promise<bool> warmPromise;
    std::future<bool> warmFuture = warmPromise.get_future();
    std::string workerError;
    std::thread workerStart([&] {
        try {
            d->worker->start();
            if (warmFuture.get())
                d->worker->preloadEntry(std::make_shared<IgnoredResponse>());
        } catch (const std::exception &e) {
            workerError = e.what();
        }
    });
    const bool warm = d->session.loadCaches();
    warmPromise.set_value(warm);
    d->prepareRuns = d->session.prepare();
    workerStart.join();
    if (!workerError.empty()) {
        if (error)
            *error = "the worker isolate did not start: " + workerError;
        return false;
    }
    const bool committed =
        std::any_of(d->prepareRuns.begin(), d->prepareRuns.end(), [](const OptimizerRun &run) {
            return run.outcome == OptimizerOutcome::Committed;
        });
    if (committed)
        d->worker->clearCache();
    else if (!warm)
        d->worker->preloadEntry(std::make_shared<IgnoredResponse>());
    d->http = std::make_unique<DevHttpServer>(
        d->config.http, [this](HttpRequest request, std::shared_ptr<ResponseWriter> out) {
            handle(std::move(request), std::move(out));
        });
    return d->http->start(error);
}

void DevServer::stop()
{
    if (d->http)
        d->http->stop();
    if (d->worker)
        d->worker->stop();
}

const std::vector<OptimizerRun> &DevServer::prepareRuns() const
{
    return d->prepareRuns;
}

std::string DevServer::origin() const
{
    return d->http ? d->http->origin() : std::string();
}
uint16_t DevServer::port() const
{
    return d->http ? d->http->port() : 0;
}
WorkerIsolate &DevServer::worker()
{
    return *d->worker;
}
DevHttpServer &DevServer::http()
{
    return *d->http;
}

void DevServer::handle(HttpRequest request, std::shared_ptr<ResponseWriter> out)
{
    const std::string path = request.target.substr(0, request.target.find('?'));
    const bool publicFile =
        d->publicFiles.resolve(request.target).status == StaticFiles::Status::Found;
    switch (routeRequest(request.method, path, publicFile)) {
    case RequestRoute::PublicFile:
        d->publicFiles.serve(request, *out);
        return;
    case RequestRoute::ClientModule: {
        const ServedModule module = d->session.client().serveClientUrl(request.target);
        std::vector<HttpHeader> headers{{"Content-Type", module.contentType},
                                        {"Content-Length", std::to_string(module.body.size())},
                                        {"Cache-Control", "no-cache"}};
        if (!module.etag.empty())
            headers.emplace_back("ETag", "W/\"" + module.etag + "\"");
        out->writeHead(module.status, std::move(headers));
        if (request.method != "HEAD")
            out->writeChunk(module.body);
        out->end();
        return;
    }
    case RequestRoute::Worker:
        d->worker->dispatchFetch(std::move(request), origin(), std::move(out));
        return;
    }
}

} // namespace sy
