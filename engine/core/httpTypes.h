#pragma once
// Plain HTTP request/response types shared by the dev server (engine/server)
// and the worker isolate (engine/js). No library types leak through here.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sy {

/// One header field, name as received (compare case-insensitively).
using HttpHeader = std::pair<std::string, std::string>;

/// A complete HTTP/1.1 request as the dev server received it.
/// `target` is the request-target (path and query, e.g. "/src/a.tsx?v=1a2b3c4d").
/// `body` holds the whole body (POST bodies are buffered: the server owns the
/// request, so it can be replayed).
struct HttpRequest {
    std::string method;
    std::string target;
    std::vector<HttpHeader> headers;
    std::string body;

    /// First header named `name` (case-insensitive), or empty.
    std::string header(std::string_view name) const;
};

/// The absolute URL a worker's Request gets for a request-target: `baseUrl`
/// ("http://localhost:5173") + `target`, where controls, space, DEL and
/// bytes >= 0x80 are percent-encoded ("/\xff" -> "/%FF"; a URL parser would
/// read them as text and mangle what is not UTF-8): the path and query reach
/// the app as the bytes the client sent. The rest is left to the URL parser,
/// as a browser's URL would be.
std::string requestUrl(std::string_view baseUrl, std::string_view target);

/// Where a handler writes its response. Thread-safe: any thread may call it,
/// in the order writeHead, writeChunk*, end (or fail at any point).
/// Without a Content-Length header the body is sent chunked, so a streamed
/// RSC/HTML response reaches the browser progressively.
class ResponseWriter {
public:
    virtual ~ResponseWriter() = default;
    virtual void writeHead(int status, std::vector<HttpHeader> headers) = 0;
    virtual void writeChunk(std::string_view bytes) = 0;
    virtual void end() = 0;
    /// Abort: if the head was not sent yet, sends a 500 with `message`;
    /// otherwise closes the connection.
    virtual void fail(std::string_view message) = 0;
};

/// Handles one request. Must not block the server's I/O thread for long:
/// hand slow work to another thread and write to `out` from there.
using HttpHandler = std::function<void(HttpRequest request, std::shared_ptr<ResponseWriter> out)>;

} // namespace sy
