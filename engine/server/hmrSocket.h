#pragma once
// Internal (includes Beast): one HMR WebSocket connection.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <deque>
#include <memory>
#include <string>

namespace sy {

struct ServerCore;

/// The server side of one HMR WebSocket. After the handshake it registers with the core, sends
/// {"type":"connected"}, answers {"type":"ping"} with {"type":"pong"} and passes every other text
/// frame to core.onHmrMessage (on the I/O thread). Outgoing frames are queued and written one at
/// a time on the connection's strand. Owned by its pending operations.
class HmrSocket : public std::enable_shared_from_this<HmrSocket> {
public:
    HmrSocket(ServerCore &core, boost::beast::tcp_stream &&stream);
    ~HmrSocket();

    /// On the connection's strand: accept the upgrade `request` and start the session. A `ping`
    /// socket (Vite's "vite-ping" probe) is closed with code 1000 right after the handshake:
    /// never registered, nothing sent or read.
    void run(boost::beast::http::request<boost::beast::http::string_body> request,
             bool ping = false);
    /// Any thread: queue a text frame (dropped if the socket is closing or closed). With
    /// `reloadsPage` (an unconditional full-reload) this is the last frame the socket gets: the
    /// page is going away, and an update sent to it meanwhile (rwsdk's rsc:update, say) would be
    /// applied by the outgoing page against module lookups it never loaded.
    void send(std::shared_ptr<const std::string> text, bool reloadsPage = false);
    /// Any thread: close with "going away" once the frame being written (if any) is out.
    void close();

private:
    void onAccept(boost::beast::error_code ec);
    void readNext();
    void onRead(boost::beast::error_code ec);
    void enqueue(std::shared_ptr<const std::string> text);
    void writeNext();
    void onWrite(boost::beast::error_code ec);
    void startClose(
        boost::beast::websocket::close_code code = boost::beast::websocket::close_code::going_away);
    void unregister();

    ServerCore &core_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    bool open_ = false;
    bool writing_ = false;
    bool closing_ = false;
    bool ping_ = false;
    bool pageReloading_ = false; ///< a full-reload went out: no more broadcasts (pongs still)
};

} // namespace sy
