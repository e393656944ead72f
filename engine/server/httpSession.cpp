#include "server/httpSession.h"

#include "server/hmrSocket.h"
#include "server/serverCore.h"
#include "server/urlPath.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <vector>

namespace sy {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kHeaderLimit = 64 * 1024;
constexpr size_t kDrainLimit = 8u << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr const char *kBlockedHost = "Blocked request. This host is not allowed.";
constexpr const char *kBlockedOrigin = "Blocked request. This origin is not allowed.";
constexpr const char *kBlockedToken =
    "Blocked request. The HMR socket needs the server's token (token=... in its URL).";
constexpr const char *kBadTarget =
    "Bad Request: the request-target must be a path (absolute-form and '*' are not served).";
constexpr const char *kTwoHosts = "Bad Request: more than one Host header.";
constexpr const char *kBadMethod = "Method Not Allowed: fetch cannot carry this method.";
constexpr const char *kBodiesInFlight =
    "Service Unavailable: too many request bodies are being received at once; retry.";
constexpr const char *kBadFraming =
    "Bad Request: a request body's Transfer-Encoding must be chunked alone, or absent.";
/// Subprotocol of Vite's client's "is the server back?" probe: accepted and closed at once.
constexpr std::string_view kPingProtocol = "vite-ping";
constexpr const char *kDropped = "The request handler dropped the response without ending it.";

std::string_view sv(beast::string_view text)
{
    return {text.data(), text.size()};
}

bool iequals(std::string_view a, std::string_view b)
{
    return beast::iequals(beast::string_view(a.data(), a.size()),
                          beast::string_view(b.data(), b.size()));
}

bool validHeaderName(std::string_view name)
{
    if (name.empty())
        return false;
    for (unsigned char c : name) {
        if (c <= 32 || c >= 127 || c == ':')
            return false;
    }
    return true;
}

bool validHeaderValue(std::string_view value)
{
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

/// The value of query parameter `name` in `target` ("/p?a=1&token=x" -> "x"), percent-decoded;
/// nullopt when absent or malformed.
std::optional<std::string> queryParam(std::string_view target, std::string_view name)
{
    const size_t question = target.find('?');
    if (question == std::string_view::npos)
        return std::nullopt;
    std::string_view query = target.substr(question + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const size_t eq = pair.find('=');
        if (pair.substr(0, eq) == name)
            return eq == std::string_view::npos ? std::string()
                                                : percentDecode(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

/// Compares without an early exit, so the time taken says nothing about the token.
bool sameSecret(std::string_view given, std::string_view expected)
{
    if (expected.empty())
        return given.empty();
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

bool containsToken(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (iequals(item, token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

/// Whether Transfer-Encoding frames the request's body as this server reads it (RFC 9112, 6.1
/// and 6.3): absent, or exactly one "chunked" coding (all fields joined) in HTTP/1.1. Anything
/// else ("gzip", "chunked, gzip", two fields, HTTP/1.0) has no reliable end: a proxy and this
/// server would split the bytes differently (request smuggling), so it is refused before a byte
/// of the body is read.
bool acceptableTransferCoding(const http::request<http::string_body> &req)
{
    std::vector<std::string_view> codings;
    bool present = false;
    for (const auto &field : req) {
        if (field.name() != http::field::transfer_encoding)
            continue;
        present = true;
        std::string_view list = sv(field.value());
        for (;;) {
            const size_t comma = list.find(',');
            std::string_view item = list.substr(0, comma);
            while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
                item.remove_prefix(1);
            while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
                item.remove_suffix(1);
            if (!item.empty())
                codings.push_back(item);
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
    }
    return !present ||
           (req.version() >= 11 && codings.size() == 1 && iequals(codings.front(), "chunked"));
}

/// The ResponseWriter handed to handlers: forwards each call to the session's strand.
/// Holds the core first so the io_context outlives the session it destroys last.
class SessionWriter final : public ResponseWriter {
public:
    SessionWriter(std::shared_ptr<ServerCore> core, std::shared_ptr<HttpSession> session,
                  uint64_t generation)
        : core_(std::move(core)), session_(std::move(session)), generation_(generation)
    {
    }
    ~SessionWriter() override { send({HttpSession::WriterOp::Gone}); }

    void writeHead(int status, std::vector<HttpHeader> headers) override
    {
        send({HttpSession::WriterOp::Head, status, std::move(headers), {}});
    }
    void writeChunk(std::string_view bytes) override
    {
        if (!bytes.empty())
            send({HttpSession::WriterOp::Chunk, 0, {}, std::string(bytes)});
    }
    void end() override { send({HttpSession::WriterOp::End}); }
    void fail(std::string_view message) override
    {
        send({HttpSession::WriterOp::Fail, 0, {}, std::string(message)});
    }

private:
    void send(HttpSession::WriterOp op)
    {
        if (core_->running.load())
            session_->postWriterOp(generation_, std::move(op));
    }

    std::shared_ptr<ServerCore> core_;
    std::shared_ptr<HttpSession> session_;
    uint64_t generation_;
};

} // namespace

HttpSession::HttpSession(ServerCore &core, tcp::socket &&socket)
    : core_(core), executor_(socket.get_executor()), stream_(std::move(socket))
{
}

HttpSession::~HttpSession()
{
    releaseBody();
    unregister();
}

void HttpSession::start()
{
    {
        std::lock_guard lock(core_.mutex);
        if (!core_.running.load())
            return; // dropping the last reference closes the socket
        core_.sessions.emplace(this, weak_from_this());
    }
    net::post(executor_, [self = shared_from_this()] { self->readRequest(); });
}

void HttpSession::closeNow()
{
    net::post(executor_, [self = shared_from_this()] { self->closeSocket(); });
}

void HttpSession::unregister()
{
    std::lock_guard lock(core_.mutex);
    core_.sessions.erase(this);
}

void HttpSession::expireLater()
{
    if (core_.options.idleTimeoutSeconds == 0)
        stream_.expires_never();
    else
        stream_.expires_after(std::chrono::seconds(core_.options.idleTimeoutSeconds));
}

// ---- reading ---------------------------------------------------------------------------------

void HttpSession::readRequest()
{
    if (closed_ || !core_.running.load())
        return closeSocket();
    parser_.emplace();
    parser_->body_limit(static_cast<std::uint64_t>(core_.options.maxBodyBytes));
    parser_->header_limit(static_cast<std::uint32_t>(kHeaderLimit));
    expireLater();
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->onHeader(ec); });
}

void HttpSession::onHeader(beast::error_code ec)
{
    if (!parser_->is_header_done())
        return onReadError(ec ? ec : beast::error_code(http::error::partial_message));
    const auto &req = parser_->get();
    version_ = req.version();
    requestKeepAlive_ = req.keep_alive();
    headRequest_ = req.method() == http::verb::head;
    if (ec)
        return onReadError(ec);
    // What the head alone refuses is answered before the body is read: a refused upload (a
    // cross-site POST, a foreign Host) is never buffered (up to maxBodyBytes each).
    if (refuseHead())
        return;
    if (!reserveBody())
        return sendSimple(503, kBodiesInFlight, false);

    if (!parser_->is_done() && beast::iequals(req[http::field::expect], "100-continue")) {
        auto interim =
            std::make_shared<http::response<http::empty_body>>(http::status::continue_, version_);
        expireLater();
        http::async_write(stream_, *interim,
                          [self = shared_from_this(), interim](beast::error_code ec, size_t) {
                              if (ec)
                                  return self->closeSocket();
                              self->readBody();
                          });
        return;
    }
    readBody();
}

void HttpSession::readBody()
{
    if (parser_->is_done())
        return onRequest();
    expireLater();
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec)
                             return self->onReadError(ec);
                         self->onRequest();
                     });
}

void HttpSession::onReadError(beast::error_code ec)
{
    if (closed_)
        return;
    if (ec == http::error::end_of_stream || ec == net::error::eof)
        return gracefulClose();
    if (ec == http::error::body_limit)
        return sendSimple(413, "Payload Too Large", false);
    if (ec == http::error::header_limit)
        return sendSimple(431, "Request Header Fields Too Large", false);
    if (ec.category() == beast::error_code(http::error::bad_target).category())
        return sendSimple(400, "Bad Request", false);
    closeSocket(); // timeout, reset, aborted by stop()
}

bool HttpSession::refuseHead()
{
    const auto &req = parser_->get();
    // With a body still unread the connection cannot carry another request: closed after this.
    const bool keepAlive = requestKeepAlive_ && parser_->is_done();
    const std::string_view target = sv(req.target());
    const http::verb method = req.method();
    if (!acceptableTransferCoding(req))
        sendSimple(400, kBadFraming, false);
    // Origin-form only: an absolute-form target names another server, "*" no resource.
    else if (target.empty() || target.front() != '/')
        sendSimple(400, kBadTarget, false);
    else if (req.count(http::field::host) > 1)
        sendSimple(400, kTwoHosts, false);
    else if (!core_.hosts.isAllowedHost(sv(req[http::field::host])))
        sendSimple(403, kBlockedHost, keepAlive);
    else if (method == http::verb::connect || method == http::verb::trace ||
             iequals(sv(req.method_string()), "TRACK"))
        sendSimple(405, kBadMethod, keepAlive);
    // A cross-site form or fetch must not run a server action (browsers send Origin on every
    // cross-origin request other than GET/HEAD).
    else if (method != http::verb::get && method != http::verb::head &&
             !core_.hosts.isAllowedOrigin(sv(req[http::field::origin]), core_.port.load()))
        sendSimple(403, kBlockedOrigin, keepAlive);
    else
        return false;
    return true;
}

bool HttpSession::reserveBody()
{
    releaseBody();
    if (parser_->is_done())
        return true;                               // no body
    const auto length = parser_->content_length(); // boost::optional
    const uint64_t bytes = std::min<uint64_t>(length ? *length : core_.options.maxBodyBytes,
                                              core_.options.maxBodyBytes);
    uint64_t held = core_.bodyBytesInFlight.load();
    do {
        if (held + bytes > core_.options.maxBodyBytesInFlight)
            return false;
    } while (!core_.bodyBytesInFlight.compare_exchange_weak(held, held + bytes));
    reservedBody_ = bytes;
    return true;
}

void HttpSession::releaseBody()
{
    if (reservedBody_ != 0) {
        core_.bodyBytesInFlight.fetch_sub(reservedBody_);
        reservedBody_ = 0;
    }
}

void HttpSession::onRequest()
{
    if (closed_ || !core_.running.load())
        return closeSocket();
    auto &req = parser_->get();
    const std::string_view target = sv(req.target());
    const std::string_view origin = sv(req[http::field::origin]);
    const uint16_t port = core_.port.load();

    if (beast::websocket::is_upgrade(req) &&
        targetPath(target) == std::string_view(core_.options.hmrPath)) {
        const bool ping = sv(req[http::field::sec_websocket_protocol]) == kPingProtocol;
        if (!ping && !core_.hosts.isAllowedOrigin(origin, port))
            return sendSimple(403, kBlockedOrigin, false);
        if (!ping && !core_.options.hmrToken.empty() && !origin.empty()) {
            const std::optional<std::string> token = queryParam(target, "token");
            if (!token || !sameSecret(*token, core_.options.hmrToken))
                return sendSimple(403, kBlockedToken, false);
        }
        closed_ = true;
        unregister();
        auto socket = std::make_shared<HmrSocket>(core_, std::move(stream_));
        socket->run(parser_->release(), ping);
        return;
    }
    dispatchToHandler();
}

void HttpSession::dispatchToHandler()
{
    auto &req = parser_->get();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto &field : req)
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    request.body = std::move(req.body());
    parser_.reset();

    responding_ = true;
    headStarted_ = bodiless_ = mustClose_ = false;
    keepAlive_ = requestKeepAlive_;
    declaredLength_.reset();
    sentBytes_ = 0;

    auto writer =
        std::make_shared<SessionWriter>(core_.shared_from_this(), shared_from_this(), generation_);
    if (!core_.handler) {
        writer->writeHead(404, {{"Content-Type", "text/plain; charset=utf-8"}});
        writer->writeChunk("Not Found");
        writer->end();
        return;
    }
    try {
        core_.handler(std::move(request), writer);
    } catch (const std::exception &error) {
        writer->fail(error.what());
    } catch (...) {
        writer->fail("The request handler threw.");
    }
}

// ---- writing the handler's response ----------------------------------------------------------

void HttpSession::postWriterOp(uint64_t generation, WriterOp op)
{
    net::post(executor_, [self = shared_from_this(), generation, op = std::move(op)]() mutable {
        self->onWriterOp(generation, std::move(op));
    });
}

void HttpSession::onWriterOp(uint64_t generation, WriterOp op)
{
    if (closed_ || !responding_ || generation != generation_)
        return; // stale writer, finished response or gone client: a no-op
    pending_.push_back(std::move(op));
    pump();
}

void HttpSession::pump()
{
    while (!writing_ && !closed_ && responding_ && !pending_.empty()) {
        WriterOp op = std::move(pending_.front());
        pending_.pop_front();
        switch (op.kind) {
        case WriterOp::Head:
            if (!headStarted_)
                startHead(op.status, std::move(op.headers));
            break;
        case WriterOp::Chunk: {
            if (!headStarted_) {
                pending_.push_front(std::move(op));
                startHead(200, {});
                break;
            }
            if (bodiless_)
                break;
            if (declaredLength_) {
                const uint64_t room = *declaredLength_ - sentBytes_;
                if (op.data.size() > room) {
                    op.data.resize(room);
                    mustClose_ = true;
                }
            }
            if (op.data.empty())
                break;
            sentBytes_ += op.data.size();
            chunk_ = std::move(op.data);
            auto &body = response_->body();
            body.data = chunk_.data();
            body.size = chunk_.size();
            body.more = true;
            writing_ = true;
            expireLater();
            http::async_write(
                stream_, *serializer_, [self = shared_from_this()](beast::error_code ec, size_t) {
                    self->onWritten(ec == http::error::need_buffer ? beast::error_code{} : ec);
                });
            break;
        }
        case WriterOp::End: {
            if (!headStarted_) {
                pending_.push_front(std::move(op));
                startHead(200, {{"Content-Length", "0"}});
                break;
            }
            if (declaredLength_ && !bodiless_ && sentBytes_ != *declaredLength_)
                mustClose_ = true; // the client cannot tell where this response ends
            auto &body = response_->body();
            body.data = nullptr;
            body.size = 0;
            body.more = false;
            writing_ = true;
            expireLater();
            http::async_write(stream_, *serializer_,
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                  self->writing_ = false;
                                  if (ec && ec != http::error::need_buffer)
                                      return self->closeSocket();
                                  self->finishResponse(self->keepAlive_ && !self->mustClose_);
                              });
            break;
        }
        case WriterOp::Fail:
        case WriterOp::Gone:
            if (headStarted_)
                return closeSocket();
            endResponseState();
            return sendSimple(500, op.kind == WriterOp::Fail ? op.data : std::string(kDropped),
                              requestKeepAlive_);
        }
    }
}

void HttpSession::startHead(int status, std::vector<HttpHeader> headers)
{
    headStarted_ = true;
    if (status < 200 || status > 999)
        status = 500; // interim and invalid codes are not supported
    auto &res = response_.emplace();
    res.version(version_);
    res.result(static_cast<unsigned>(status));
    bool closeRequested = false;
    for (auto &[name, value] : headers) {
        if (!validHeaderName(name) || !validHeaderValue(value))
            continue;
        if (iequals(name, "Content-Length")) {
            uint64_t length = 0;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), length);
            if (error == std::errc() && end == value.data() + value.size())
                declaredLength_ = length;
            continue;
        }
        if (iequals(name, "Transfer-Encoding"))
            continue; // ours to decide
        if (iequals(name, "Connection")) {
            closeRequested = containsToken(value, "close");
            continue;
        }
        res.insert(beast::string_view(name.data(), name.size()),
                   beast::string_view(value.data(), value.size()));
    }
    bodiless_ = headRequest_ || status == 204 || status == 304;
    keepAlive_ = requestKeepAlive_ && !closeRequested;
    if (declaredLength_ && status != 204)
        res.content_length(*declaredLength_);
    if (!bodiless_ && !declaredLength_) {
        if (version_ >= 11)
            res.chunked(true);
        else
            keepAlive_ = false; // HTTP/1.0: the end of the body is the end of the connection
    }
    res.keep_alive(keepAlive_);
    res.body().data = nullptr;
    res.body().size = 0;
    res.body().more = true;
    serializer_.emplace(res);
    writing_ = true;
    expireLater();
    http::async_write_header(
        stream_, *serializer_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->onWritten(ec); });
}

void HttpSession::onWritten(beast::error_code ec)
{
    writing_ = false;
    if (ec)
        return closeSocket();
    pump();
}

void HttpSession::endResponseState()
{
    releaseBody();
    responding_ = false;
    ++generation_;
    pending_.clear();
    serializer_.reset();
    response_.reset();
    chunk_.clear();
    chunk_.shrink_to_fit();
}

void HttpSession::finishResponse(bool keepAlive)
{
    endResponseState();
    if (keepAlive)
        readRequest();
    else
        gracefulClose();
}

// ---- server-made responses and closing -------------------------------------------------------

void HttpSession::sendSimple(unsigned status, std::string text, bool keepAlive)
{
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(status), version_);
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->keep_alive(keepAlive);
    res->content_length(text.size());
    if (!headRequest_)
        res->body() = std::move(text);
    expireLater();
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, size_t) {
                          if (ec)
                              return self->closeSocket();
                          if (res->keep_alive())
                              self->readRequest();
                          else
                              self->gracefulClose();
                      });
}

void HttpSession::gracefulClose()
{
    if (closed_)
        return;
    // Half-close, then discard what the client still sends (e.g. the rest of a refused body) so
    // the kernel does not reset the connection before the client read our response.
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec)
        return closeSocket();
    drainBuffer_.resize(16 * 1024);
    stream_.expires_after(kDrainTimeout);
    drain();
}

void HttpSession::drain()
{
    stream_.async_read_some(net::buffer(drainBuffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                                self->drainedBytes_ += n;
                                if (ec || self->closed_ || self->drainedBytes_ > kDrainLimit)
                                    return self->closeSocket();
                                self->drain();
                            });
}

void HttpSession::closeSocket()
{
    releaseBody();
    if (!closed_) {
        closed_ = true;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }
    if (responding_) {
        // Forget the response, but keep the serializer and chunk alive: a write may still be in
        // flight (it completes with an error; the session's destructor frees them).
        responding_ = false;
        ++generation_;
        pending_.clear();
    }
    unregister();
}

} // namespace sy
