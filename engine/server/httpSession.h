#pragma once
// Internal (includes Beast): one accepted HTTP/1.1 connection.
#include "core/httpTypes.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sy {

struct ServerCore;

/// One HTTP/1.1 connection: reads requests one at a time (keep-alive), applies the Host check,
/// hands HMR upgrades to HmrSocket and everything else to the core's handler, then writes the
/// response the handler produces through its ResponseWriter (possibly from other threads: each
/// writer call is posted to this connection's strand and queued). Owned by shared_ptrs held by
/// pending I/O operations and by the ResponseWriter of the request in flight.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    /// `socket` must use a strand of core.ioc as executor.
    HttpSession(ServerCore &core, boost::asio::ip::tcp::socket &&socket);
    ~HttpSession();

    /// Registers the connection and starts reading. Closes at once if the server is stopping.
    void start();
    /// Any thread: close the socket now (pending writer output is dropped).
    void closeNow();

    /// What a ResponseWriter asks for; `generation` identifies the request it answers.
    struct WriterOp {
        enum Kind { Head, Chunk, End, Fail, Gone } kind;
        int status = 0;
        std::vector<HttpHeader> headers;
        std::string data; // chunk bytes or failure message
    };
    /// Any thread: queue `op` on the connection's strand. Ops of finished requests are dropped.
    void postWriterOp(uint64_t generation, WriterOp op);

private:
    void readRequest();
    void onHeader(boost::beast::error_code ec);
    /// Answers a request its head alone refuses (framing, target form, Host, method, a foreign
    /// Origin on anything but GET/HEAD) and returns true; runs before the body is read, and
    /// closes the connection after the answer when a body is left unread.
    bool refuseHead();
    /// Reserves the body's bytes in ServerCore::bodyBytesInFlight; false when they do not fit.
    bool reserveBody();
    /// Gives the reservation back (idempotent).
    void releaseBody();
    void readBody();
    void onRequest();
    void onReadError(boost::beast::error_code ec);
    void dispatchToHandler();

    void onWriterOp(uint64_t generation, WriterOp op);
    void pump();
    void startHead(int status, std::vector<HttpHeader> headers);
    void onWritten(boost::beast::error_code ec);
    void endResponseState();
    void finishResponse(bool keepAlive);

    void sendSimple(unsigned status, std::string text, bool keepAlive);
    void gracefulClose();
    void drain();
    void closeSocket();
    void unregister();
    void expireLater();

    ServerCore &core_;
    boost::asio::any_io_executor executor_; // the connection's strand
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    bool closed_ = false;
    uint64_t reservedBody_ = 0; ///< bytes of bodyBytesInFlight this session holds

    // The request being answered.
    uint64_t generation_ = 1;
    bool responding_ = false;
    unsigned version_ = 11;
    bool requestKeepAlive_ = true;
    bool headRequest_ = false;

    // Its response (valid while responding_).
    bool headStarted_ = false;
    bool bodiless_ = false;
    bool keepAlive_ = true;
    bool mustClose_ = false;
    std::optional<uint64_t> declaredLength_;
    uint64_t sentBytes_ = 0;
    std::optional<boost::beast::http::response<boost::beast::http::buffer_body>> response_;
    std::optional<boost::beast::http::response_serializer<boost::beast::http::buffer_body>>
        serializer_;
    std::deque<WriterOp> pending_;
    bool writing_ = false;
    std::string chunk_; // bytes of the chunk being written
    std::string drainBuffer_;
    size_t drainedBytes_ = 0;
};

} // namespace sy
