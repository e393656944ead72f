#include "server/hmrSocket.h"

#include "server/serverCore.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <utility>

namespace sy {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

bool isPing(const std::string &text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object())
        return false;
    const auto type = json.find("type");
    return type != json.end() && type->is_string() && type->get<std::string>() == "ping";
}

} // namespace

HmrSocket::HmrSocket(ServerCore &core, beast::tcp_stream &&stream)
    : core_(core), ws_(std::move(stream))
{
}

HmrSocket::~HmrSocket()
{
    unregister();
}

void HmrSocket::unregister()
{
    std::lock_guard lock(core_.mutex);
    core_.hmrSockets.erase(this);
}

void HmrSocket::run(http::request<http::string_body> request, bool ping)
{
    ping_ = ping;
    beast::get_lowest_layer(ws_).expires_never(); // the websocket stream has its own timeouts
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(5);
    timeouts.idle_timeout = std::chrono::seconds(120);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(core_.options.maxBodyBytes);

    // A browser that asks for a subprotocol (Vite's client sends "vite-hmr") needs it echoed.
    std::string protocol(request[http::field::sec_websocket_protocol]);
    protocol = protocol.substr(0, protocol.find(','));
    while (!protocol.empty() && protocol.back() == ' ')
        protocol.pop_back();
    ws_.set_option(websocket::stream_base::decorator([protocol](websocket::response_type &res) {
        res.set(http::field::server, "switchyard");
        if (!protocol.empty())
            res.set(http::field::sec_websocket_protocol, protocol);
    }));
    ws_.async_accept(request,
                     [self = shared_from_this()](beast::error_code ec) { self->onAccept(ec); });
}

void HmrSocket::onAccept(beast::error_code ec)
{
    if (ec)
        return; // handshake failed: dropping the last reference closes the socket
    if (ping_) {
        open_ = true;
        return startClose(websocket::close_code::normal);
    }
    std::shared_ptr<const std::string> bufferedError;
    {
        std::lock_guard lock(core_.mutex);
        if (!core_.running.load()) {
            closing_ = true;
        } else {
            core_.hmrSockets.emplace(this, weak_from_this());
            bufferedError = std::exchange(core_.bufferedHmrError, nullptr);
        }
    }
    open_ = true;
    if (closing_) {
        closing_ = false;
        return startClose();
    }
    enqueue(std::make_shared<const std::string>(R"({"type":"connected"})"));
    if (bufferedError) // an error met while no page listened (DevHttpServer::broadcastHmrError)
        enqueue(std::move(bufferedError));
    readNext();
}

void HmrSocket::readNext()
{
    ws_.async_read(buffer_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
}

void HmrSocket::onRead(beast::error_code ec)
{
    if (ec) {
        open_ = false;
        queue_.clear();
        unregister();
        return;
    }
    if (!ws_.got_text()) {
        buffer_.consume(buffer_.size());
        return readNext();
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (isPing(text)) {
        enqueue(std::make_shared<const std::string>(R"({"type":"pong"})"));
    } else if (core_.onHmrMessage) {
        try {
            core_.onHmrMessage(text);
        } catch (const std::exception &) {
            // a throwing callback must not take the I/O thread down
        } catch (...) {
        }
    }
    readNext();
}

void HmrSocket::send(std::shared_ptr<const std::string> text, bool reloadsPage)
{
    net::post(ws_.get_executor(),
              [self = shared_from_this(), text = std::move(text), reloadsPage]() mutable {
                  if (self->pageReloading_)
                      return;
                  self->pageReloading_ = reloadsPage;
                  self->enqueue(std::move(text));
              });
}

void HmrSocket::enqueue(std::shared_ptr<const std::string> text)
{
    if (!open_ || closing_)
        return;
    queue_.push_back(std::move(text));
    if (!writing_)
        writeNext();
}

void HmrSocket::writeNext()
{
    writing_ = true;
    ws_.text(true);
    ws_.async_write(
        net::buffer(*queue_.front()),
        [self = shared_from_this()](beast::error_code ec, size_t) { self->onWrite(ec); });
}

void HmrSocket::onWrite(beast::error_code ec)
{
    writing_ = false;
    if (!queue_.empty())
        queue_.pop_front();
    if (ec) {
        open_ = false;
        queue_.clear();
        unregister();
        return;
    }
    if (closing_)
        return startClose();
    if (!queue_.empty() && open_)
        writeNext();
}

void HmrSocket::close()
{
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        if (!self->open_ || self->closing_)
            return;
        self->closing_ = true;
        self->unregister();
        if (self->writing_) {
            self->queue_.erase(self->queue_.begin() + 1, self->queue_.end());
            return; // onWrite continues with startClose()
        }
        self->queue_.clear();
        self->startClose();
    });
}

void HmrSocket::startClose(websocket::close_code code)
{
    closing_ = true;
    ws_.async_close(websocket::close_reason(code),
                    [self = shared_from_this()](beast::error_code) { self->open_ = false; });
}

} // namespace sy
