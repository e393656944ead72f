#pragma once
// The dev HTTP/1.1 + WebSocket server (Boost.Beast behind a pimpl).
#include "core/httpTypes.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sy {

/// How the dev server listens and what it accepts.
struct DevServerOptions {
    /// Address to bind (IP literal or a name resolved once at start()). Loopback by default.
    std::string host = "127.0.0.1";
    /// TCP port; 0 = let the OS pick a free port (read it back with DevHttpServer::port()).
    uint16_t port = 5173;
    /// Extra Host names accepted besides localhost, *.localhost, 127.0.0.1, [::1] and the bind
    /// address. Case-insensitive, without port; a leading dot (".example.test") also accepts
    /// every subdomain. See HostPolicy.
    std::vector<std::string> allowedHosts;
    /// Origins accepted besides the server's own (http://<an accepted host name>:<port>) on
    /// requests other than GET/HEAD and on the HMR upgrade, e.g. "https://dev.example.test"
    /// behind a TLS proxy. Exact scheme, host and port. See HostPolicy::isAllowedOrigin.
    std::vector<std::string> allowedOrigins;
    /// WebSocket endpoint of the HMR channel (query string ignored when matching).
    std::string hmrPath = "/@switchyard/hmr";
    /// When not empty, a browser's HMR upgrade (one with an Origin header) must carry
    /// `token=<hmrToken>` in its query, else 403 (Vite 6.0.9+'s webSocketToken: random per
    /// server process, handed to the page's HMR client inside a module only same-origin pages
    /// can read). Clients without an Origin are not browsers and need no token (as in Vite).
    std::string hmrToken;
    /// Largest accepted request body in bytes; larger requests get 413 and the connection closes.
    size_t maxBodyBytes = 64u << 20;
    /// Bytes of request bodies all connections together may hold at once (a body counts its
    /// Content-Length, or maxBodyBytes when chunked, from its head until its response ended).
    /// A request that does not fit gets 503 before its body is read and the connection closes,
    /// so many concurrent uploads cannot exhaust memory.
    size_t maxBodyBytesInFlight = 256u << 20;
    /// Number of I/O threads owned by the server (1 or 2 is plenty).
    unsigned ioThreads = 1;
    /// Idle keep-alive connections and stalled writes are closed after this many seconds.
    unsigned idleTimeoutSeconds = 60;
};

/// The dev server: accepts HTTP/1.1 connections (keep-alive), checks the Host header of every
/// request (403 otherwise: DNS-rebinding protection), upgrades `hmrPath` to the HMR WebSocket
/// (Host, Origin and token checked) and hands every other request to the HttpHandler.
///
/// Refused before the handler sees them: a request-target that is not a path (absolute-form
/// "http://host/", authority-form, asterisk-form "*"; 400), more than one Host header (400), the
/// methods fetch cannot represent (CONNECT, TRACE, TRACK; 405), and a request other than
/// GET/HEAD whose Origin is not the server's own or allowed (403: cross-site POSTs never reach
/// a server action). A WebSocket upgrade of `hmrPath` with subprotocol "vite-ping" (Vite's
/// client waits for a restarted server with it) is accepted from any origin and closed at once
/// with code 1000, nothing sent. Every other byte of the request line, headers and body is
/// handed on as it is.
///
/// Threads: all I/O runs on `ioThreads` std::threads owned by the server; the handler and
/// onHmrMessage are called on them. The public methods may be called from any thread, except
/// that start()/stop()/the destructor must not be called from inside a handler.
///
/// Responses: the handler gets a ResponseWriter it may keep and write from any thread later.
/// Without a Content-Length header the body is sent with Transfer-Encoding: chunked and each
/// writeChunk() is flushed as its own chunk. A writer dropped without end() or fail() makes the
/// server answer 500 (head not sent yet) or close the connection (head already sent). Writer
/// calls after the client went away, or after stop(), are no-ops.
class DevHttpServer {
public:
    DevHttpServer(DevServerOptions options, HttpHandler handler);
    /// Calls stop().
    ~DevHttpServer();
    DevHttpServer(const DevHttpServer &) = delete;
    DevHttpServer &operator=(const DevHttpServer &) = delete;

    /// Binds, listens and starts the I/O threads. Returns false and sets `*error` (if non-null)
    /// when the address cannot be resolved or bound (e.g. the port is taken) or the server is
    /// already running. May be called again after stop().
    bool start(std::string *error);
    /// Stops accepting, closes HMR sockets (close frame "going away") and every HTTP connection,
    /// joins the I/O threads. Returns at once when peers cooperate, and within about half a second
    /// even with HMR clients that never answer the close frame.
    /// Idempotent.
    void stop();
    /// True between a successful start() and stop().
    bool isRunning() const;

    /// The bound port (the OS-chosen one when options.port was 0); 0 when not started.
    uint16_t port() const;
    /// "http://127.0.0.1:5173" (IPv6 hosts in brackets); empty when not started.
    std::string origin() const;
    const DevServerOptions &options() const;

    /// Sends `json` as a text frame to every connected HMR socket. Thread-safe, non-blocking.
    /// A full-reload that reloads every page (any but one whose `path` names an .html file, as
    /// Vite's client decides) is the last frame those sockets get: their pages are reloading, and a
    /// later update applied by an outgoing page (an rsc:update naming a client component its lookup
    /// never had) fails there.
    void broadcastHmr(const std::string &json);
    /// An `error` payload, sent as broadcastHmr() does; with no HMR socket
    /// open it is kept (the last one) and sent to the next socket that
    /// connects, after its `connected` frame: a page whose first load failed
    /// (a broken stylesheet its HTML links) opens its socket after the
    /// failure. Vite's WebSocket server does the same (bufferedError).
    void broadcastHmrError(const std::string &json);
    /// Number of HMR sockets currently open (registered before their "connected" message).
    size_t hmrClientCount() const;
    /// Number of open HTTP connections (not counting upgraded HMR sockets). Thread-safe.
    size_t httpConnectionCount() const;

    /// Text frames received from browsers, except {"type":"ping"} (answered with
    /// {"type":"pong"} by the server). Called on an I/O thread. Set it before start().
    std::function<void(const std::string &message)> onHmrMessage;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sy
