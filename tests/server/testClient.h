#pragma once
// Blocking Beast clients with timeouts for the server tests: every operation runs the client's
// own io_context for at most a few seconds, so a broken server fails a test instead of hanging.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

namespace testclient {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kTimeout = 5000ms;

/// Starts an async operation with a handler that records its error code, runs `ioc` until it
/// completes or `timeout` passes (then `cancel` is called and the op drained).
template <class Start, class Cancel>
beast::error_code await(net::io_context &ioc, Start start, Cancel cancel,
                        std::chrono::milliseconds timeout = kTimeout)
{
    std::optional<beast::error_code> result;
    start([&result](beast::error_code ec, auto &&...) { result = ec; });
    ioc.restart();
    ioc.run_for(timeout);
    if (!result) {
        cancel();
        ioc.restart();
        ioc.run_for(1000ms);
        return net::error::timed_out;
    }
    return *result;
}

inline std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// One keep-alive HTTP connection to 127.0.0.1:port.
class HttpConnection {
public:
    explicit HttpConnection(uint16_t port) { connectError = connect(port); }

    beast::error_code connect(uint16_t port)
    {
        const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
        return await(
            ioc, [&](auto handler) { stream.async_connect(endpoint, handler); },
            [&] { stream.close(); });
    }

    beast::error_code send(http::request<http::string_body> request)
    {
        request.prepare_payload();
        return await(
            ioc, [&](auto handler) { http::async_write(stream, request, handler); },
            [&] { stream.close(); });
    }

    /// Reads one response (HEAD responses: pass head = true).
    std::optional<http::response<http::string_body>>
    read(beast::error_code *error = nullptr, bool head = false,
         std::chrono::milliseconds timeout = kTimeout)
    {
        http::response_parser<http::string_body> parser;
        parser.body_limit(256u << 20);
        parser.skip(head);
        const beast::error_code ec = await(
            ioc, [&](auto handler) { http::async_read(stream, buffer, parser, handler); },
            [&] { stream.close(); }, timeout);
        if (error)
            *error = ec;
        if (ec)
            return std::nullopt;
        return parser.release();
    }

    /// A request with Host 127.0.0.1:port unless `host` is given (empty = no Host header).
    static http::request<http::string_body> makeRequest(http::verb method, std::string target,
                                                        uint16_t port, std::string body = {},
                                                        std::optional<std::string> host = {})
    {
        http::request<http::string_body> request(method, target, 11);
        const std::string hostValue = host ? *host : "127.0.0.1:" + std::to_string(port);
        if (!hostValue.empty())
            request.set(http::field::host, hostValue);
        request.body() = std::move(body);
        return request;
    }

    beast::error_code writeRaw(const std::string &bytes)
    {
        return await(
            ioc,
            [&](auto handler) { net::async_write(stream.socket(), net::buffer(bytes), handler); },
            [&] { stream.close(); });
    }

    /// Appends raw bytes to `received` until `done(received)` or EOF/error/timeout.
    template <class Done>
    beast::error_code readRawUntil(std::string &received, Done done,
                                   std::chrono::milliseconds timeout = kTimeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        // Bytes a previous Beast read buffered but did not consume come first.
        if (buffer.size() > 0) {
            received += beast::buffers_to_string(buffer.data());
            buffer.consume(buffer.size());
        }
        char chunk[4096];
        while (!done(received)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left <= 0ms)
                return net::error::timed_out;
            size_t n = 0;
            const beast::error_code ec = await(
                ioc,
                [&](auto handler) {
                    stream.socket().async_read_some(
                        net::buffer(chunk),
                        [&n, handler](beast::error_code ec, size_t count) mutable {
                            n = count;
                            handler(ec);
                        });
                },
                [&] { stream.socket().cancel(); }, left);
            received.append(chunk, n);
            if (ec)
                return ec;
        }
        return {};
    }

    net::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    beast::error_code connectError;
};

/// One WebSocket client.
class WsClient {
public:
    /// Connects and performs the upgrade handshake; `response` gets the server's answer.
    beast::error_code connect(uint16_t port, const std::string &target,
                              std::optional<std::string> host = {},
                              std::optional<std::string> origin = {},
                              std::optional<std::string> protocol = {})
    {
        const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
        beast::error_code ec = await(
            ioc,
            [&](auto handler) { beast::get_lowest_layer(ws).async_connect(endpoint, handler); },
            [&] { beast::get_lowest_layer(ws).close(); });
        if (ec)
            return ec;
        ws.set_option(
            websocket::stream_base::decorator([origin, protocol](websocket::request_type &req) {
                if (origin)
                    req.set(http::field::origin, *origin);
                if (protocol)
                    req.set(http::field::sec_websocket_protocol, *protocol);
            }));
        const std::string hostValue = host ? *host : "127.0.0.1:" + std::to_string(port);
        return await(
            ioc, [&](auto handler) { ws.async_handshake(response, hostValue, target, handler); },
            [&] { beast::get_lowest_layer(ws).close(); });
    }

    beast::error_code sendText(const std::string &text)
    {
        ws.text(true);
        return await(
            ioc, [&](auto handler) { ws.async_write(net::buffer(text), handler); },
            [&] { beast::get_lowest_layer(ws).close(); });
    }

    /// Next text message, or nullopt (error in *error: timeout, websocket::error::closed...).
    std::optional<std::string> readText(beast::error_code *error = nullptr,
                                        std::chrono::milliseconds timeout = kTimeout)
    {
        buffer.clear();
        const beast::error_code ec = await(
            ioc, [&](auto handler) { ws.async_read(buffer, handler); },
            [&] { beast::get_lowest_layer(ws).close(); }, timeout);
        if (error)
            *error = ec;
        if (ec)
            return std::nullopt;
        return beast::buffers_to_string(buffer.data());
    }

    net::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    websocket::response_type response;
    beast::flat_buffer buffer;
};

} // namespace testclient
