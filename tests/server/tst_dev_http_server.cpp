// The dev server against real Beast HTTP and WebSocket clients on 127.0.0.1.
#include "server/devHttpServer.h"
#include "server/staticFiles.h"

#include "testClient.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

using namespace testclient;
namespace fs = std::filesystem;

namespace {

/// Threads started by handlers; joined by the test (never detached).
struct HandlerThreads {
    std::mutex mutex;
    std::vector<std::thread> threads;
    template <class F> void spawn(F f)
    {
        std::lock_guard lock(mutex);
        threads.emplace_back(std::move(f));
    }
    ~HandlerThreads() { joinAll(); }
    void joinAll()
    {
        std::vector<std::thread> all;
        {
            std::lock_guard lock(mutex);
            all.swap(threads);
        }
        for (auto &thread : all)
            thread.join();
    }
};

/// A one-shot gate a handler thread waits on (with a timeout, so a failing test cannot hang).
struct Gate {
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    void release()
    {
        std::lock_guard lock(mutex);
        open = true;
        cv.notify_all();
    }
    bool wait(std::chrono::milliseconds timeout = 5000ms)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, timeout, [&] { return open; });
    }
};

/// Echoes "METHOD target\nbody" with no Content-Length (so chunked).
void echoHandler(sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out)
{
    out->writeHead(200, {{"Content-Type", "text/plain"},
                         {"X-Request-Content-Type", request.header("content-type")}});
    out->writeChunk(request.method + " " + request.target + "\n");
    out->writeChunk(request.body);
    out->end();
}

std::unique_ptr<sy::DevHttpServer> startServer(sy::HttpHandler handler,
                                               sy::DevServerOptions options = {})
{
    options.port = 0;
    options.ioThreads = 2; // exercise the strands; servers built directly in tests use 1
    auto server = std::make_unique<sy::DevHttpServer>(std::move(options), std::move(handler));
    std::string error;
    if (!server->start(&error)) {
        qWarning("start failed: %s", error.c_str());
        return nullptr;
    }
    return server;
}

/// Splits a raw HTTP/1.1 response into lower-cased head and decoded chunked body.
/// Returns false if the body is not valid chunked encoding terminated by a last chunk.
bool decodeChunked(const std::string &raw, std::string *head, std::string *body, int *chunks)
{
    const size_t headEnd = raw.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return false;
    *head = lower(raw.substr(0, headEnd));
    size_t pos = headEnd + 4;
    *chunks = 0;
    body->clear();
    for (;;) {
        const size_t lineEnd = raw.find("\r\n", pos);
        if (lineEnd == std::string::npos)
            return false;
        const size_t size = std::stoul(raw.substr(pos, lineEnd - pos), nullptr, 16);
        pos = lineEnd + 2;
        if (size == 0)
            return raw.compare(pos, 2, "\r\n") == 0;
        if (raw.size() < pos + size + 2)
            return false;
        body->append(raw, pos, size);
        pos += size + 2;
        ++*chunks;
    }
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string rawGet(uint16_t port, const std::string &target, const std::string &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n" +
           extra + "\r\n";
}

} // namespace

class TestDevHttpServer : public QObject {
    Q_OBJECT
private slots:
    void getAndPostRoundTrip()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.connectError);

        QVERIFY(!client.send(
            HttpConnection::makeRequest(http::verb::get, "/hello?x=1", server->port())));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 200u);
        QCOMPARE(res->body(), std::string("GET /hello?x=1\n"));
        QVERIFY(res->chunked()); // no Content-Length from the handler

        auto post = HttpConnection::makeRequest(http::verb::post, "/submit", server->port(),
                                                std::string("payload-123\0bin", 15));
        post.set(http::field::content_type, "application/octet-stream");
        QVERIFY(!client.send(post));
        res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 200u);
        QCOMPARE(res->body(), std::string("POST /submit\npayload-123\0bin", 28));
        QCOMPARE(std::string((*res)["X-Request-Content-Type"]),
                 std::string("application/octet-stream"));
    }

    void keepAliveReusesConnection()
    {
        std::atomic<int> handled{0};
        auto server =
            startServer([&](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                ++handled;
                const std::string body =
                    "n=" + std::to_string(handled.load()) + " " + request.target;
                out->writeHead(200, {{"Content-Length", std::to_string(body.size())}});
                out->writeChunk(body);
                out->end();
            });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.connectError);
        const auto localPort = client.stream.socket().local_endpoint().port();
        for (int i = 1; i <= 3; ++i) {
            const std::string target = "/r" + std::to_string(i);
            QVERIFY(
                !client.send(HttpConnection::makeRequest(http::verb::get, target, server->port())));
            beast::error_code ec;
            auto res = client.read(&ec);
            QVERIFY2(res, ec.message().c_str());
            QCOMPARE(res->body(), "n=" + std::to_string(i) + " " + target);
            QVERIFY(res->keep_alive());
            QVERIFY(!res->chunked()); // the handler gave a Content-Length
            QCOMPARE(std::string((*res)[http::field::content_length]),
                     std::to_string(res->body().size()));
        }
        QCOMPARE(client.stream.socket().local_endpoint().port(), localPort);
        QCOMPARE(server->httpConnectionCount(), size_t(1)); // one connection served all three
        QCOMPARE(handled.load(), 3);
    }

    void connectionCloseIsHonoured()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        HttpConnection client(server->port());
        auto request = HttpConnection::makeRequest(http::verb::get, "/bye", server->port());
        request.keep_alive(false);
        QVERIFY(!client.send(request));
        auto res = client.read();
        QVERIFY(res);
        QVERIFY(!res->keep_alive());
        std::string rest;
        QCOMPARE(client.readRawUntil(rest, [](const std::string &) { return false; }),
                 beast::error_code(net::error::eof));
    }

    void headResponseHasNoBody()
    {
        auto server = startServer(echoHandler); // writes chunks even for HEAD
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.send(HttpConnection::makeRequest(http::verb::head, "/h", server->port())));
        auto res = client.read(nullptr, true);
        QVERIFY(res);
        QCOMPARE(res->result_int(), 200u);
        QVERIFY(!res->chunked());
        // No stray body bytes: the next response on the connection parses cleanly.
        QVERIFY(!client.send(HttpConnection::makeRequest(http::verb::get, "/g", server->port())));
        res = client.read();
        QVERIFY(res);
        QCOMPARE(res->body(), std::string("GET /g\n"));
    }

    void shortContentLengthClosesConnection()
    {
        auto server = startServer([](sy::HttpRequest, std::shared_ptr<sy::ResponseWriter> out) {
            out->writeHead(200, {{"Content-Length", "10"}});
            out->writeChunk("short");
            out->end();
        });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.writeRaw(rawGet(server->port(), "/short")));
        std::string raw;
        const auto ec = client.readRawUntil(raw, [](const std::string &) { return false; });
        QVERIFY2(ec == net::error::eof, ec.message().c_str());
        QVERIFY(endsWith(raw, "\r\n\r\nshort"));
    }

    void chunksStreamProgressivelyFromAnotherThread()
    {
        HandlerThreads threads;
        Gate firstChunkSeen;
        std::atomic<bool> lastWritten{false};
        auto server = startServer([&](sy::HttpRequest, std::shared_ptr<sy::ResponseWriter> out) {
            threads.spawn([&, out] {
                out->writeHead(200, {{"Content-Type", "text/html; charset=utf-8"}});
                out->writeChunk("<p>one</p>");
                firstChunkSeen.wait();
                std::this_thread::sleep_for(30ms);
                out->writeChunk("<p>two</p>");
                std::this_thread::sleep_for(30ms);
                lastWritten = true;
                out->writeChunk("<p>three</p>");
                out->end();
            });
        });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.writeRaw(rawGet(server->port(), "/stream")));

        std::string raw;
        QVERIFY(!client.readRawUntil(
            raw, [](const std::string &r) { return r.find("<p>one</p>") != std::string::npos; }));
        QVERIFY2(!lastWritten.load(), "first chunk must arrive before the last one is written");
        firstChunkSeen.release();
        QVERIFY(!client.readRawUntil(
            raw, [](const std::string &r) { return endsWith(r, "0\r\n\r\n"); }));
        QVERIFY(lastWritten.load());

        std::string head, body;
        int chunks = 0;
        QVERIFY2(decodeChunked(raw, &head, &body, &chunks), raw.c_str());
        QVERIFY(head.starts_with("http/1.1 200"));
        QVERIFY(head.find("transfer-encoding: chunked") != std::string::npos);
        QVERIFY(head.find("content-length") == std::string::npos);
        QCOMPARE(body, std::string("<p>one</p><p>two</p><p>three</p>"));
        QCOMPARE(chunks, 3); // one HTTP chunk per writeChunk
        threads.joinAll();
    }

    void droppedWriterGives500AndKeepsConnection()
    {
        auto server =
            startServer([](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                if (request.target == "/ok") {
                    out->writeHead(200, {{"Content-Length", "2"}});
                    out->writeChunk("ok");
                    out->end();
                }
                // otherwise: drop `out` without writing anything
            });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(
            !client.send(HttpConnection::makeRequest(http::verb::get, "/drop", server->port())));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 500u);
        QVERIFY(!client.send(HttpConnection::makeRequest(http::verb::get, "/ok", server->port())));
        res = client.read();
        QVERIFY(res);
        QCOMPARE(res->body(), std::string("ok"));
    }

    void droppedWriterAfterHeadClosesConnection()
    {
        auto server = startServer([](sy::HttpRequest, std::shared_ptr<sy::ResponseWriter> out) {
            out->writeHead(200, {});
            out->writeChunk("partial");
        });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.writeRaw(rawGet(server->port(), "/half")));
        std::string raw;
        const auto ec = client.readRawUntil(raw, [](const std::string &) { return false; });
        QVERIFY2(ec == net::error::eof || ec == net::error::connection_reset, ec.message().c_str());
        QVERIFY(raw.find("partial") != std::string::npos);
        QVERIFY(!endsWith(raw, "0\r\n\r\n")); // no terminating chunk: the client sees truncation
    }

    void throwingHandlerAndFailGive500()
    {
        auto server =
            startServer([](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                if (request.target == "/throw")
                    throw std::runtime_error("boom");
                out->fail("render failed");
            });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(
            !client.send(HttpConnection::makeRequest(http::verb::get, "/throw", server->port())));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 500u);
        QCOMPARE(res->body(), std::string("boom"));
        QVERIFY(
            !client.send(HttpConnection::makeRequest(http::verb::get, "/fail", server->port())));
        res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 500u);
        QCOMPARE(res->body(), std::string("render failed"));
    }

    void oversizedBodyGets413()
    {
        sy::DevServerOptions options;
        options.maxBodyBytes = 1024;
        std::atomic<int> handled{0};
        auto server = startServer(
            [&](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                ++handled;
                echoHandler(std::move(request), std::move(out));
            },
            options);
        QVERIFY(server);
        {
            HttpConnection client(server->port());
            QVERIFY(!client.send(HttpConnection::makeRequest(
                http::verb::post, "/up", server->port(), std::string(1024, 'a'))));
            auto res = client.read();
            QVERIFY(res);
            QCOMPARE(res->result_int(), 200u); // exactly the limit is fine
        }
        HttpConnection client(server->port());
        QVERIFY(!client.send(HttpConnection::makeRequest(http::verb::post, "/up", server->port(),
                                                         std::string(64 * 1024, 'b'))));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(res->result_int(), 413u);
        QVERIFY(!res->keep_alive());
        QCOMPARE(handled.load(), 1);
    }

    void expectContinueIsAnswered()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.writeRaw("POST /c HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                                 "Expect: 100-continue\r\n\r\n"));
        std::string raw;
        QVERIFY(!client.readRawUntil(
            raw, [](const std::string &r) { return r.find("\r\n\r\n") != std::string::npos; }));
        QVERIFY2(raw.starts_with("HTTP/1.1 100 Continue\r\n"), raw.c_str());
        QVERIFY(!client.writeRaw("hello"));
        QVERIFY(!client.readRawUntil(
            raw, [](const std::string &r) { return endsWith(r, "0\r\n\r\n"); }));
        QVERIFY(raw.find("POST /c\n") != std::string::npos);
        QVERIFY(raw.find("hello") != std::string::npos);
    }

    void hostHeaderIsChecked_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("127.0.0.1:port") << "127.0.0.1:5173" << 200;
        QTest::newRow("localhost other port") << "localhost:1234" << 200;
        QTest::newRow("[::1]") << "[::1]:5173" << 200;
        QTest::newRow("*.localhost") << "app.localhost" << 200;
        QTest::newRow("allowedHosts entry") << "dev.example.test:5173" << 200;
        QTest::newRow("evil") << "evil.example" << 403;
        QTest::newRow("evil with port") << "evil.example:5173" << 403;
        QTest::newRow("rebinding name") << "127.0.0.1.nip.io" << 403;
        QTest::newRow("missing Host") << "" << 403;
    }
    void hostHeaderIsChecked()
    {
        QFETCH(QString, host);
        QFETCH(int, status);
        sy::DevServerOptions options;
        options.allowedHosts = {"dev.example.test"};
        std::atomic<int> handled{0};
        auto server = startServer(
            [&](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                ++handled;
                echoHandler(std::move(request), std::move(out));
            },
            options);
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.send(HttpConnection::makeRequest(http::verb::get, "/", server->port(), {},
                                                         host.toStdString())));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(int(res->result_int()), status);
        QCOMPARE(handled.load(), status == 200 ? 1 : 0);
        if (status == 403)
            QCOMPARE(res->body(), std::string("Blocked request. This host is not allowed."));
    }

    void hmrSocketSaysConnectedAndPongs()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient ws;
        const auto ec = ws.connect(server->port(), "/@switchyard/hmr?token=abc");
        QVERIFY2(!ec, ec.message().c_str());
        QCOMPARE(ws.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
        QCOMPARE(server->hmrClientCount(), size_t(1));
        QVERIFY(!ws.sendText(R"({"type":"ping"})"));
        QCOMPARE(ws.readText().value_or("<none>"), std::string(R"({"type":"pong"})"));
        QVERIFY(!ws.sendText(R"( { "type" : "ping" } )"));
        QCOMPARE(ws.readText().value_or("<none>"), std::string(R"({"type":"pong"})"));
    }

    void hmrEchoesRequestedSubprotocol()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient ws;
        ws.ws.set_option(websocket::stream_base::decorator([](websocket::request_type &req) {
            req.set(http::field::sec_websocket_protocol, "vite-hmr");
        }));
        // WsClient::connect replaces the decorator, so handshake by hand here.
        const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), server->port());
        QVERIFY(!await(
            ws.ioc, [&](auto h) { beast::get_lowest_layer(ws.ws).async_connect(endpoint, h); },
            [&] { beast::get_lowest_layer(ws.ws).close(); }));
        const auto ec = await(
            ws.ioc,
            [&](auto h) {
                ws.ws.async_handshake(ws.response, "localhost:" + std::to_string(server->port()),
                                      "/@switchyard/hmr", h);
            },
            [&] { beast::get_lowest_layer(ws.ws).close(); });
        QVERIFY2(!ec, ec.message().c_str());
        QCOMPARE(std::string(ws.response[http::field::sec_websocket_protocol]),
                 std::string("vite-hmr"));
    }

    void hmrMessagesReachCallback()
    {
        std::mutex mutex;
        std::vector<std::string> received;
        sy::DevHttpServer server({.port = 0}, echoHandler);
        server.onHmrMessage = [&](const std::string &message) {
            std::lock_guard lock(mutex);
            received.push_back(message);
        };
        std::string error;
        QVERIFY2(server.start(&error), error.c_str());
        WsClient ws;
        QVERIFY(!ws.connect(server.port(), "/@switchyard/hmr"));
        QVERIFY(ws.readText());
        QVERIFY(!ws.sendText(R"({"type":"custom","event":"x"})"));
        QVERIFY(!ws.sendText(R"({"type":"ping"})"));
        QCOMPARE(ws.readText().value_or("<none>"), std::string(R"({"type":"pong"})"));
        std::lock_guard lock(mutex); // the custom message was read before the ping
        QCOMPARE(received.size(), size_t(1));
        QCOMPARE(received.front(), std::string(R"({"type":"custom","event":"x"})"));
    }

    void broadcastReachesTwoClients()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient a, b;
        QVERIFY(!a.connect(server->port(), "/@switchyard/hmr"));
        QVERIFY(!b.connect(server->port(), "/@switchyard/hmr",
                           "localhost:" + std::to_string(server->port()),
                           "http://localhost:" + std::to_string(server->port())));
        QVERIFY(a.readText());
        QVERIFY(b.readText());
        QCOMPARE(server->hmrClientCount(), size_t(2));
        const std::string update = R"({"type":"update","updates":[{"path":"/src/a.tsx"}]})";
        const std::string custom = R"({"type":"custom","event":"rsc:update"})";
        server->broadcastHmr(update);
        server->broadcastHmr(custom);
        QCOMPARE(a.readText().value_or("<none>"), update);
        QCOMPARE(b.readText().value_or("<none>"), update);
        QCOMPARE(a.readText().value_or("<none>"), custom);
        QCOMPARE(b.readText().value_or("<none>"), custom);

        beast::error_code ec;
        QVERIFY(!await(
            a.ioc, [&](auto h) { a.ws.async_close(websocket::close_code::normal, h); },
            [&] { beast::get_lowest_layer(a.ws).close(); }));
        QTRY_COMPARE(server->hmrClientCount(), size_t(1));
        server->broadcastHmr(R"({"type":"custom"})");
        QCOMPARE(b.readText(&ec).value_or("<none>"), std::string(R"({"type":"custom"})"));
    }

    void nothingFollowsAFullReloadOfThePage_data()
    {
        QTest::addColumn<QString>("fullReload");
        QTest::addColumn<bool>("pageReloads");
        QTest::newRow("no path") << R"({"type":"full-reload"})" << true;
        QTest::newRow("path *") << R"({"type":"full-reload","path":"*","triggeredBy":"/src/a.tsx"})"
                                << true;
        QTest::newRow("module path") << R"({"type":"full-reload","path":"/src/a.tsx"})" << true;
        // Vite's client reloads for an .html path only a page showing that file
        QTest::newRow("html path") << R"({"type":"full-reload","path":"/about.html"})" << false;
    }

    void nothingFollowsAFullReloadOfThePage()
    {
        // The page is going away: an rsc:update sent to it meanwhile would be rendered by the
        // outgoing page against client lookups it never loaded (a new "use client" file).
        QFETCH(QString, fullReload);
        QFETCH(bool, pageReloads);
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient a;
        QVERIFY(!a.connect(server->port(), "/@switchyard/hmr"));
        QCOMPARE(a.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
        const std::string reload = fullReload.toStdString();
        const std::string update = R"({"type":"custom","event":"rsc:update","data":{}})";
        server->broadcastHmr(reload);
        server->broadcastHmr(update);
        server->broadcastHmrError(R"({"type":"error","err":{"message":"late"}})");
        QCOMPARE(a.readText().value_or("<none>"), reload);
        // the socket still answers: the next frame after a ping is its pong, or the update
        QVERIFY(!a.sendText(R"({"type":"ping"})"));
        if (pageReloads) {
            QCOMPARE(a.readText().value_or("<none>"), std::string(R"({"type":"pong"})"));
        } else {
            QCOMPARE(a.readText().value_or("<none>"), update);
            QCOMPARE(a.readText().value_or("<none>"),
                     std::string(R"({"type":"error","err":{"message":"late"}})"));
            QCOMPARE(a.readText().value_or("<none>"), std::string(R"({"type":"pong"})"));
        }
        // a socket that connects next (the reloaded page) gets updates again
        WsClient b;
        QVERIFY(!b.connect(server->port(), "/@switchyard/hmr"));
        QCOMPARE(b.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
        server->broadcastHmr(update);
        QCOMPARE(b.readText().value_or("<none>"), update);
    }

    void anErrorWithNoClientWaitsForTheNextOne()
    {
        // A page whose first load failed opens its socket after the failure:
        // the error is kept for it (Vite's bufferedError), once.
        auto server = startServer(echoHandler);
        QVERIFY(server);
        const std::string error = R"({"type":"error","err":{"message":"broken"}})";
        server->broadcastHmrError(R"({"type":"error","err":{"message":"older"}})");
        server->broadcastHmrError(error); // the last one is kept
        WsClient a;
        QVERIFY(!a.connect(server->port(), "/@switchyard/hmr"));
        QCOMPARE(a.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
        QCOMPARE(a.readText().value_or("<none>"), error);
        // with a client listening it is sent, not kept
        server->broadcastHmrError(R"({"type":"error","err":{"message":"live"}})");
        QCOMPARE(a.readText().value_or("<none>"),
                 std::string(R"({"type":"error","err":{"message":"live"}})"));
        WsClient b;
        QVERIFY(!b.connect(server->port(), "/@switchyard/hmr"));
        QCOMPARE(b.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
        server->broadcastHmr(R"({"type":"full-reload"})");
        QCOMPARE(b.readText().value_or("<none>"), std::string(R"({"type":"full-reload"})"));
    }

    void upgradeWithBadOriginOrHostIsRejected_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("origin");
        QTest::newRow("evil origin") << ""
                                     << "http://evil.example";
        QTest::newRow("lookalike origin") << ""
                                          << "http://localhost.evil.example:5173";
        QTest::newRow("null origin") << ""
                                     << "null";
        QTest::newRow("evil host") << "evil.example:5173"
                                   << "";
    }
    void upgradeWithBadOriginOrHostIsRejected()
    {
        QFETCH(QString, host);
        QFETCH(QString, origin);
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient ws;
        const auto ec =
            ws.connect(server->port(), "/@switchyard/hmr",
                       host.isEmpty() ? std::nullopt : std::optional(host.toStdString()),
                       origin.isEmpty() ? std::nullopt : std::optional(origin.toStdString()));
        QCOMPARE(ec, beast::error_code(websocket::error::upgrade_declined));
        QCOMPARE(ws.response.result_int(), 403u);
        QCOMPARE(server->hmrClientCount(), size_t(0));
    }

    void staticFilesThroughServer()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path base(dir.path().toStdString());
        const fs::path root = base / "public";
        fs::create_directories(root);
        std::ofstream(root / "app.js") << "console.log('hi');\n";
        std::ofstream(root / "style.css") << "body{color:red}";
        std::ofstream(root / "index.html") << "<!doctype html><p>home</p>";
        std::ofstream(base / "secret.txt") << "top secret";
        fs::create_symlink(base / "secret.txt", root / "leak.txt");
        fs::create_symlink("/etc/passwd", root / "passwd");

        const sy::StaticFiles files({root});
        auto server =
            startServer([&files](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                files.serve(request, *out);
            });
        QVERIFY(server);
        HttpConnection client(server->port());
        auto get = [&](const std::string &target,
                       std::vector<std::pair<std::string, std::string>> headers = {},
                       http::verb method = http::verb::get) {
            auto request = HttpConnection::makeRequest(method, target, server->port());
            for (auto &[name, value] : headers)
                request.set(name, value);
            if (client.send(request))
                return http::response<http::string_body>{};
            return client.read(nullptr, method == http::verb::head)
                .value_or(http::response<http::string_body>{});
        };

        auto res = get("/app.js");
        QCOMPARE(res.result_int(), 200u);
        QCOMPARE(std::string(res[http::field::content_type]),
                 std::string("text/javascript; charset=utf-8"));
        QCOMPARE(res.body(), std::string("console.log('hi');\n"));
        const std::string etag(res[http::field::etag]);
        QVERIFY(etag.starts_with("W/\""));

        res = get("/app.js", {{"If-None-Match", etag}});
        QCOMPARE(res.result_int(), 304u);
        QVERIFY(res.body().empty());

        QCOMPARE(std::string(get("/style.css")[http::field::content_type]),
                 std::string("text/css; charset=utf-8"));
        res = get("/");
        QCOMPARE(std::string(res[http::field::content_type]),
                 std::string("text/html; charset=utf-8"));
        QCOMPARE(res.body(), std::string("<!doctype html><p>home</p>"));

        res = get("/app.js", {}, http::verb::head);
        QCOMPARE(res.result_int(), 200u);
        QCOMPARE(std::string(res[http::field::content_length]), std::string("19"));

        QCOMPARE(get("/missing.js").result_int(), 404u);
        // ".." above the root is a bad request; a symlink out of the root is refused.
        QCOMPARE(get("/../etc/passwd").result_int(), 400u);
        QCOMPARE(get("/%2e%2e/%2e%2e/%2e%2e/etc/passwd").result_int(), 400u);
        QCOMPARE(get("/%2e%2e/secret.txt").result_int(), 400u);
        QCOMPARE(get("/leak.txt").result_int(), 403u);
        res = get("/passwd");
        QCOMPARE(res.result_int(), 403u);
        QVERIFY(res.body().find("root:") == std::string::npos);
        QCOMPARE(get("/app.js", {}, http::verb::post).result_int(), 405u);
        QCOMPARE(get("/app.js").result_int(), 200u); // connection still usable after all that
    }

    void portZeroPicksAFreePort()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        QVERIFY(server->port() != 0);
        QCOMPARE(server->origin(), "http://127.0.0.1:" + std::to_string(server->port()));
        HttpConnection client(server->port());
        QVERIFY(!client.connectError);
    }

    void takenPortFailsWithMessage()
    {
        auto first = startServer(echoHandler);
        QVERIFY(first);
        sy::DevHttpServer second({.port = first->port()}, echoHandler);
        std::string error;
        QVERIFY(!second.start(&error));
        QVERIFY2(error.find(std::to_string(first->port())) != std::string::npos, error.c_str());
        QVERIFY2(error.find("cannot listen") != std::string::npos, error.c_str());
        QVERIFY(!second.isRunning());
        QCOMPARE(second.port(), uint16_t(0));
        std::string again;
        QVERIFY(!first->start(&again)); // already running
        QVERIFY(!again.empty());
    }

    void stopIsPromptWithOpenConnections()
    {
        HandlerThreads threads;
        Gate afterStop;
        std::atomic<int> lateWrites{0};
        auto server =
            startServer([&](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                if (request.target != "/stream")
                    return echoHandler(std::move(request), std::move(out));
                threads.spawn([&, out] {
                    out->writeHead(200, {});
                    out->writeChunk("first");
                    afterStop.wait();
                    for (int i = 0; i < 5; ++i) { // after stop(): all no-ops
                        out->writeChunk("late");
                        ++lateWrites;
                    }
                    out->end();
                });
            });
        QVERIFY(server);
        const uint16_t port = server->port();

        std::vector<std::unique_ptr<HttpConnection>> idle;
        for (int i = 0; i < 3; ++i) {
            idle.push_back(std::make_unique<HttpConnection>(port));
            QVERIFY(!idle.back()->send(HttpConnection::makeRequest(http::verb::get, "/x", port)));
            QVERIFY(idle.back()->read());
        }
        HttpConnection streaming(port);
        QVERIFY(!streaming.writeRaw(rawGet(port, "/stream")));
        std::string raw;
        QVERIFY(!streaming.readRawUntil(
            raw, [](const std::string &r) { return r.find("first") != std::string::npos; }));
        HttpConnection silent(port); // connected, never sends a request
        WsClient ws;
        QVERIFY(!ws.connect(port, "/@switchyard/hmr"));
        QVERIFY(ws.readText());

        // The browser side keeps reading (as a browser does), so it answers the close frame.
        beast::error_code closeEc;
        std::thread reader([&] { ws.readText(&closeEc, 3000ms); });
        QElapsedTimer timer;
        timer.start();
        server->stop();
        const qint64 elapsed = timer.elapsed();
        reader.join();
        QVERIFY2(elapsed < 2000, // guards against waiting for a timeout, not speed
                 qPrintable(QString("stop() took %1 ms").arg(elapsed)));
        QVERIFY(!server->isRunning());
        QCOMPARE(server->hmrClientCount(), size_t(0));
        QVERIFY2(closeEc == websocket::error::closed, closeEc.message().c_str());
        QCOMPARE(ws.ws.reason().code, websocket::close_code(websocket::close_code::going_away));
        for (auto &connection : idle) {
            std::string rest;
            QVERIFY(connection->readRawUntil(
                rest, [](const std::string &) { return false; }, 2000ms));
            QVERIFY(rest.empty());
        }

        afterStop.release();
        threads.joinAll();
        QCOMPARE(lateWrites.load(), 5);
        server.reset(); // writer copies are gone; destroying the server must be clean too
    }

    void stopDoesNotWaitForDeafHmrClient()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        WsClient deaf; // never reads again, so never answers the close frame
        QVERIFY(!deaf.connect(server->port(), "/@switchyard/hmr"));
        QVERIFY(deaf.readText());
        QElapsedTimer timer;
        timer.start();
        server->stop();
        QVERIFY2(timer.elapsed() < 1500,
                 qPrintable(QString("stop() took %1 ms").arg(timer.elapsed())));
    }

    void clientDisconnectMidStreamIsHarmless()
    {
        HandlerThreads threads;
        std::atomic<bool> done{false};
        auto server =
            startServer([&](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
                if (request.target != "/stream")
                    return echoHandler(std::move(request), std::move(out));
                threads.spawn([&, out] {
                    out->writeHead(200, {{"Content-Type", "text/plain"}});
                    for (int i = 0; i < 200; ++i) {
                        out->writeChunk(std::string(1000, 'x') + std::to_string(i));
                        std::this_thread::sleep_for(2ms);
                    }
                    out->end();
                    done = true;
                });
            });
        QVERIFY(server);
        {
            HttpConnection client(server->port());
            QVERIFY(!client.writeRaw(rawGet(server->port(), "/stream")));
            std::string raw;
            QVERIFY(!client.readRawUntil(
                raw, [](const std::string &r) { return r.find("xx0") != std::string::npos; }));
            beast::error_code ignored;
            client.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
            client.stream.socket().close(ignored);
        }
        threads.joinAll();
        QVERIFY(done.load());
        QTRY_COMPARE(server->httpConnectionCount(), size_t(0));
        HttpConnection next(server->port());
        QVERIFY(!next.send(HttpConnection::makeRequest(http::verb::get, "/after", server->port())));
        auto res = next.read();
        QVERIFY(res);
        QCOMPARE(res->body(), std::string("GET /after\n"));
    }

    void writerOutlivingServerIsHarmless()
    {
        std::mutex mutex;
        std::shared_ptr<sy::ResponseWriter> kept;
        Gate handled;
        auto server = startServer([&](sy::HttpRequest, std::shared_ptr<sy::ResponseWriter> out) {
            std::lock_guard lock(mutex);
            kept = std::move(out);
            handled.release();
        });
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.writeRaw(rawGet(server->port(), "/kept")));
        QVERIFY(handled.wait());
        server.reset();
        std::lock_guard lock(mutex);
        kept->writeHead(200, {});
        kept->writeChunk("too late");
        kept->end();
        kept.reset(); // destroys the last session and io_context here, off the I/O thread
        std::string rest;
        QVERIFY(client.readRawUntil(
            rest, [](const std::string &) { return false; }, 2000ms));
        QVERIFY(rest.find("too late") == std::string::npos);
    }

    void restartAfterStop()
    {
        auto server = startServer(echoHandler);
        QVERIFY(server);
        server->stop();
        std::string error;
        QVERIFY2(server->start(&error), error.c_str());
        HttpConnection client(server->port());
        QVERIFY(
            !client.send(HttpConnection::makeRequest(http::verb::get, "/again", server->port())));
        auto res = client.read();
        QVERIFY(res);
        QCOMPARE(res->body(), std::string("GET /again\n"));
    }
};

QTEST_GUILESS_MAIN(TestDevHttpServer)
#include "tst_dev_http_server.moc"
