#pragma once
// Internal (includes Asio): state shared by the listener, HTTP sessions, HMR sockets and the
// ResponseWriters handed to handlers. Not part of the public API.
#include "server/devHttpServer.h"
#include "server/hostCheck.h"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sy {

class HttpSession;
class HmrSocket;

/// One server run (start() to stop()). Owned by a shared_ptr: the DevHttpServer holds it and so
/// does every ResponseWriter, so a writer kept by a handler past stop() (or past the server)
/// still refers to a live io_context. Sessions and sockets refer to it by reference only: they
/// are owned by handlers queued in `ioc` or by writers, which keep the core alive longer.
struct ServerCore : std::enable_shared_from_this<ServerCore> {
    ServerCore(const DevServerOptions &options, HttpHandler handler,
               std::function<void(const std::string &)> onHmrMessage)
        : options(options), handler(std::move(handler)), onHmrMessage(std::move(onHmrMessage)),
          hosts(options.allowedHosts, options.host, options.allowedOrigins)
    {
    }

    const DevServerOptions options;
    const HttpHandler handler;
    const std::function<void(const std::string &)> onHmrMessage;
    const HostPolicy hosts;

    /// False once stop() began: writers stop posting, sessions stop reading.
    std::atomic<bool> running{false};
    /// The bound port (set before the I/O threads start): the server's own origin's port.
    std::atomic<uint16_t> port{0};
    /// Request body bytes the sessions hold now (see DevServerOptions::maxBodyBytesInFlight).
    std::atomic<uint64_t> bodyBytesInFlight{0};

    /// Live connections, for stop(), broadcastHmr() and the counts. Keyed by object address.
    mutable std::mutex mutex;
    std::unordered_map<const void *, std::weak_ptr<HttpSession>> sessions;
    std::unordered_map<const void *, std::weak_ptr<HmrSocket>> hmrSockets;
    /// An HMR error broadcast while no socket was open, for the next one
    /// (DevHttpServer::broadcastHmrError). Guarded by `mutex`.
    std::shared_ptr<const std::string> bufferedHmrError;

    /// Declared last, so destroyed first: queued handlers (which may own sessions that
    /// unregister themselves above) go away while the registries still exist.
    boost::asio::io_context ioc;
};

} // namespace sy
