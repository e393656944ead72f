#include "server/devHttpServer.h"

#include "server/hmrSocket.h"
#include "server/httpSession.h"
#include "server/serverCore.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <thread>

namespace sy {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

/// Vite's client (and ours, engine/hmr/js/hmrClient.js) reloads the page for every full-reload
/// except one whose path names an HTML file, which reloads only a page showing that file.
bool isUnconditionalFullReload(const std::string &json)
{
    if (json.find("full-reload") == std::string::npos)
        return false;
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || j.value("type", "") != "full-reload")
        return false;
    const auto path = j.find("path");
    if (path == j.end() || !path->is_string())
        return true;
    const std::string &value = path->get_ref<const std::string &>();
    return value == "*" || !(value.size() >= 5 && value.compare(value.size() - 5, 5, ".html") == 0);
}

constexpr auto kGracefulStopTimeout = std::chrono::milliseconds(500);

/// Accepts connections and starts an HttpSession (on its own strand) for each.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(ServerCore &core, tcp::acceptor &&acceptor)
        : core_(core), acceptor_(std::move(acceptor))
    {
    }

    void run() { accept(); }

    /// Any thread: stop accepting.
    void close()
    {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            boost::system::error_code ec;
            self->acceptor_.close(ec);
        });
    }

private:
    void accept()
    {
        acceptor_.async_accept(
            net::make_strand(core_.ioc),
            [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
                self->onAccept(ec, std::move(socket));
            });
    }

    void onAccept(boost::system::error_code ec, tcp::socket socket)
    {
        if (!acceptor_.is_open() || !core_.running.load())
            return;
        if (!ec) {
            boost::system::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored); // streamed chunks go out at once
            std::make_shared<HttpSession>(core_, std::move(socket))->start();
        }
        accept();
    }

    ServerCore &core_;
    tcp::acceptor acceptor_;
};

/// Counts I/O threads that returned from io_context::run(), for a stop() with a deadline.
struct ThreadExits {
    std::mutex mutex;
    std::condition_variable changed;
    unsigned count = 0;
};

} // namespace

struct DevHttpServer::Impl {
    DevServerOptions options;
    HttpHandler handler;

    std::mutex lifecycle; // start()/stop()
    mutable std::mutex coreMutex;
    std::shared_ptr<ServerCore> core; // guarded by coreMutex (written under lifecycle too)
    std::shared_ptr<Listener> listener;
    std::vector<std::thread> threads;
    std::shared_ptr<ThreadExits> exits;
    std::atomic<uint16_t> port{0};

    std::shared_ptr<ServerCore> currentCore() const
    {
        std::lock_guard lock(coreMutex);
        return core;
    }
};

DevHttpServer::DevHttpServer(DevServerOptions options, HttpHandler handler) : d(new Impl)
{
    d->options = std::move(options);
    if (d->options.ioThreads == 0)
        d->options.ioThreads = 1;
    d->handler = std::move(handler);
}

DevHttpServer::~DevHttpServer()
{
    stop();
}

bool DevHttpServer::start(std::string *error)
{
    auto fail = [error](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    std::lock_guard lifecycle(d->lifecycle);
    if (d->currentCore())
        return fail("the dev server is already running");

    auto core = std::make_shared<ServerCore>(d->options, d->handler, onHmrMessage);
    const std::string where = d->options.host + ":" + std::to_string(d->options.port);

    boost::system::error_code ec;
    net::ip::address address = net::ip::make_address(d->options.host, ec);
    if (ec) {
        tcp::resolver resolver(core->ioc);
        const auto results = resolver.resolve(d->options.host, "", ec);
        if (ec || results.empty())
            return fail("cannot resolve " + d->options.host + ": " +
                        (ec ? ec.message() : std::string("no address")));
        address = results.begin()->endpoint().address();
    }
    const tcp::endpoint endpoint(address, d->options.port);
    tcp::acceptor acceptor(net::make_strand(core->ioc));
    if (acceptor.open(endpoint.protocol(), ec); ec)
        return fail("cannot open a socket for " + where + ": " + ec.message());
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (acceptor.bind(endpoint, ec); ec)
        return fail("cannot listen on " + where + ": " + ec.message());
    if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec)
        return fail("cannot listen on " + where + ": " + ec.message());
    d->port = acceptor.local_endpoint(ec).port();
    core->port = d->port.load();

    core->running = true;
    auto listener = std::make_shared<Listener>(*core, std::move(acceptor));
    listener->run();

    auto exits = std::make_shared<ThreadExits>();
    for (unsigned i = 0; i < d->options.ioThreads; ++i) {
        d->threads.emplace_back([core, exits] {
            for (;;) {
                try {
                    core->ioc.run();
                    break;
                } catch (const std::exception &) {
                    // a throwing completion handler: keep serving the other connections
                } catch (...) {
                }
            }
            std::lock_guard lock(exits->mutex);
            ++exits->count;
            exits->changed.notify_all();
        });
    }
    d->listener = std::move(listener);
    d->exits = std::move(exits);
    std::lock_guard lock(d->coreMutex);
    d->core = std::move(core);
    return true;
}

void DevHttpServer::stop()
{
    std::lock_guard lifecycle(d->lifecycle);
    std::shared_ptr<ServerCore> core = d->currentCore();
    if (!core)
        return;

    std::vector<std::shared_ptr<HttpSession>> sessions;
    std::vector<std::shared_ptr<HmrSocket>> sockets;
    {
        std::lock_guard lock(core->mutex);
        core->running = false; // under the mutex: nothing registers after the snapshot below
        for (const auto &[key, weak] : core->sessions) {
            if (auto session = weak.lock())
                sessions.push_back(std::move(session));
        }
        for (const auto &[key, weak] : core->hmrSockets) {
            if (auto socket = weak.lock())
                sockets.push_back(std::move(socket));
        }
    }
    d->listener->close();
    for (const auto &socket : sockets)
        socket->close();
    for (const auto &session : sessions)
        session->closeNow();
    sessions.clear();
    sockets.clear();

    // Let the close frames and socket shutdowns run; then stop whatever still waits.
    {
        std::unique_lock lock(d->exits->mutex);
        const auto threadCount = static_cast<unsigned>(d->threads.size());
        if (!d->exits->changed.wait_for(lock, kGracefulStopTimeout,
                                        [&] { return d->exits->count == threadCount; }))
            core->ioc.stop();
    }
    for (std::thread &thread : d->threads)
        thread.join();
    d->threads.clear();
    d->listener.reset();
    d->exits.reset();
    d->port = 0;
    std::lock_guard lock(d->coreMutex);
    d->core.reset(); // ResponseWriters still held by handlers keep the io_context alive
}

bool DevHttpServer::isRunning() const
{
    return d->currentCore() != nullptr;
}

uint16_t DevHttpServer::port() const
{
    return d->port.load();
}

std::string DevHttpServer::origin() const
{
    const uint16_t bound = port();
    if (bound == 0)
        return {};
    const std::string &host = d->options.host;
    const bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(bound);
}

const DevServerOptions &DevHttpServer::options() const
{
    return d->options;
}

void DevHttpServer::broadcastHmr(const std::string &json)
{
    std::shared_ptr<ServerCore> core = d->currentCore();
    if (!core)
        return;
    std::vector<std::shared_ptr<HmrSocket>> sockets;
    {
        std::lock_guard lock(core->mutex);
        for (const auto &[key, weak] : core->hmrSockets) {
            if (auto socket = weak.lock())
                sockets.push_back(std::move(socket));
        }
    }
    auto text = std::make_shared<const std::string>(json);
    const bool reloadsPage = isUnconditionalFullReload(json);
    for (const auto &socket : sockets)
        socket->send(text, reloadsPage);
}

void DevHttpServer::broadcastHmrError(const std::string &json)
{
    std::shared_ptr<ServerCore> core = d->currentCore();
    if (!core)
        return;
    {
        std::lock_guard lock(core->mutex);
        if (core->hmrSockets.empty()) {
            core->bufferedHmrError = std::make_shared<const std::string>(json);
            return;
        }
    }
    broadcastHmr(json);
}

size_t DevHttpServer::hmrClientCount() const
{
    std::shared_ptr<ServerCore> core = d->currentCore();
    if (!core)
        return 0;
    std::lock_guard lock(core->mutex);
    return core->hmrSockets.size();
}

size_t DevHttpServer::httpConnectionCount() const
{
    std::shared_ptr<ServerCore> core = d->currentCore();
    if (!core)
        return 0;
    std::lock_guard lock(core->mutex);
    return core->sessions.size();
}

} // namespace sy
