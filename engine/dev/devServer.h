#pragma once
// The running dev server: a prepared DevSession, a worker isolate whose
// module runner reads from the worker environment, and the HTTP/WebSocket
// server on loopback. Pages, RSC payloads and server actions go to the
// worker's fetch handler; browser modules come from the client environment;
// public/ files are served as they are.
#include "optimizer/optimizerRun.h"
#include "server/devHttpServer.h"

#include <memory>
#include <string>
#include <vector>

namespace sy {

class DevSession;
class WorkerIsolate;

struct DevServerConfig {
    DevServerOptions http;      ///< host (127.0.0.1), port (5173; 0 = any)
    uint32_t cpuLimitMs = 5000; ///< per synchronous JS turn of the worker
};

class DevServer {
public:
    /// `session` must outlive the server.
    DevServer(DevSession &session, DevServerConfig config);
    ~DevServer();

    /// Prepares the session (directive scan, optimizer scan) while the worker
    /// isolate starts on its own thread (the two are independent: ~130 ms of
    /// Node environment creation overlaps the crawl), then listens. False +
    /// `error` when the port is taken or the worker cannot start.
    bool start(std::string *error);
    /// The optimizer runs of start()'s prepare step.
    const std::vector<OptimizerRun> &prepareRuns() const;
    void stop();

    /// "http://127.0.0.1:<port>"
    std::string origin() const;
    uint16_t port() const;
    WorkerIsolate &worker();
    DevHttpServer &http();

private:
    void handle(HttpRequest request, std::shared_ptr<ResponseWriter> out);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sy
