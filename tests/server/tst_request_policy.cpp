// What the dev server refuses before a handler sees it, and what it passes on as data: request
// targets that are not paths, duplicate Host headers, methods fetch cannot carry, cross-origin
// requests other than GET/HEAD, HMR upgrades from another origin or without the server's token,
// and raw bytes that are not UTF-8. Real Beast clients on 127.0.0.1.
#include "server/devHttpServer.h"

#include "testClient.h"

#include <QTest>

#include <atomic>
#include <mutex>

using namespace testclient;

namespace {

/// Records the last request it got and answers 200 "ok".
struct Recorder {
    std::mutex mutex;
    sy::HttpRequest last;
    std::atomic<int> calls{0};

    sy::HttpHandler handler()
    {
        return [this](sy::HttpRequest request, std::shared_ptr<sy::ResponseWriter> out) {
            {
                std::lock_guard lock(mutex);
                last = request;
            }
            ++calls;
            out->writeHead(200, {{"Content-Type", "text/plain"}, {"Content-Length", "2"}});
            out->writeChunk("ok");
            out->end();
        };
    }
    sy::HttpRequest lastRequest()
    {
        std::lock_guard lock(mutex);
        return last;
    }
};

std::unique_ptr<sy::DevHttpServer> startServer(sy::HttpHandler handler,
                                               sy::DevServerOptions options = {})
{
    options.port = 0;
    auto server = std::make_unique<sy::DevHttpServer>(std::move(options), std::move(handler));
    std::string error;
    if (!server->start(&error)) {
        qWarning("start failed: %s", error.c_str());
        return nullptr;
    }
    return server;
}

/// Sends `raw` on a fresh connection and returns everything the server sent until it closed
/// the connection or a complete response head and `Content-Length` body arrived.
std::string sendRaw(uint16_t port, const std::string &raw)
{
    HttpConnection client(port);
    if (client.connectError || client.writeRaw(raw))
        return {};
    std::string received;
    client.readRawUntil(received, [](const std::string &text) {
        const size_t head = text.find("\r\n\r\n");
        if (head == std::string::npos)
            return false;
        const std::string lowerHead = lower(text.substr(0, head));
        const size_t at = lowerHead.find("content-length: ");
        if (at == std::string::npos)
            return false;
        return text.size() >= head + 4 + std::stoul(lowerHead.substr(at + 16));
    });
    return received;
}

int statusOf(const std::string &response)
{
    if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12)
        return 0;
    return std::stoi(response.substr(9, 3));
}

std::string replacePort(QString text, uint16_t port)
{
    return text.replace("PORT", QString::number(port)).toStdString();
}

/// GET / still answers 200: the server survived whatever came before.
bool stillServing(uint16_t port)
{
    return statusOf(sendRaw(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                                      "\r\n\r\n")) == 200;
}

} // namespace

class TestRequestPolicy : public QObject {
    Q_OBJECT
private slots:
    void targetsThatAreNotPathsAre400_data()
    {
        QTest::addColumn<QString>("requestLine");
        QTest::newRow("absolute-form") << "GET http://evil.example/ HTTP/1.1";
        QTest::newRow("absolute-form, own host") << "GET http://127.0.0.1:PORT/ HTTP/1.1";
        QTest::newRow("absolute-form POST") << "POST http://evil.example/x HTTP/1.1";
        QTest::newRow("asterisk-form") << "OPTIONS * HTTP/1.1";
        QTest::newRow("authority-form") << "CONNECT evil.example:443 HTTP/1.1";
    }
    void targetsThatAreNotPathsAre400()
    {
        QFETCH(QString, requestLine);
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        const uint16_t port = server->port();
        const std::string response = sendRaw(
            port, replacePort(requestLine, port) + "\r\nHost: 127.0.0.1:" + std::to_string(port) +
                      "\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(statusOf(response), 400);
        QVERIFY2(response.find("request-target must be a path") != std::string::npos,
                 response.c_str());
        QCOMPARE(recorder.calls.load(), 0);
        QVERIFY(stillServing(port));
    }

    void twoHostHeadersAre400()
    {
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        const std::string response = sendRaw(
            server->port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server->port()) +
                                "\r\nHost: evil.example\r\n\r\n");
        QCOMPARE(statusOf(response), 400);
        QCOMPARE(recorder.calls.load(), 0);
    }

    void transferCodingsOtherThanChunkedAreRefused_data()
    {
        // RFC 9112 6.1/6.3: a request body whose framing is not chunked (or Content-Length) has
        // no reliable end; a proxy and this server would split the bytes differently (request
        // smuggling). The request after the body must never reach the handler.
        QTest::addColumn<QString>("codings");
        QTest::addColumn<QString>("version");
        QTest::newRow("gzip") << "gzip"
                              << "1.1";
        QTest::newRow("chunked not last") << "chunked, gzip"
                                          << "1.1";
        QTest::newRow("two fields, chunked first") << "chunked\r\nTransfer-Encoding: identity"
                                                   << "1.1";
        QTest::newRow("unknown coding before chunked") << "gzip, chunked"
                                                       << "1.1";
        QTest::newRow("chunked twice") << "chunked, chunked"
                                       << "1.1";
        QTest::newRow("HTTP/1.0") << "chunked"
                                  << "1.0";
        QTest::newRow("empty") << ""
                               << "1.1";
    }
    void transferCodingsOtherThanChunkedAreRefused()
    {
        QFETCH(QString, codings);
        QFETCH(QString, version);
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        const std::string host = "Host: 127.0.0.1:" + std::to_string(server->port()) + "\r\n";
        const std::string smuggled = "GET /smuggled HTTP/1.1\r\n" + host + "\r\n";
        const std::string raw = "POST /x HTTP/" + version.toStdString() + "\r\n" + host +
                                "Transfer-Encoding: " + codings.toStdString() +
                                "\r\nContent-Length: " + std::to_string(smuggled.size()) +
                                "\r\n\r\n" + smuggled;
        HttpConnection client(server->port());
        QVERIFY(!client.connectError);
        QVERIFY(!client.writeRaw(raw));
        std::string received;
        client.readRawUntil(received, [](const std::string &) { return false; }); // until closed
        QVERIFY2(received.rfind("HTTP/1.", 0) == 0 && received.size() > 12, received.c_str());
        QCOMPARE(std::stoi(received.substr(9, 3)), 400);
        QVERIFY2(received.find("\r\nHTTP/1.") == std::string::npos, received.c_str());
        QCOMPARE(recorder.calls.load(), 0);
        QVERIFY(stillServing(server->port()));
        // Chunked alone is the framing the server reads.
        const std::string chunked = sendRaw(server->port(), "POST /x HTTP/1.1\r\n" + host +
                                                                "Transfer-Encoding: Chunked\r\n\r\n"
                                                                "2\r\n[]\r\n0\r\n\r\n");
        QCOMPARE(statusOf(chunked), 200);
        QCOMPARE(recorder.lastRequest().body, std::string("[]"));
    }

    void refusedUploadsAreAnsweredBeforeTheirBody_data()
    {
        QTest::addColumn<QString>("head");
        QTest::addColumn<int>("status");
        QTest::newRow("cross-site POST") << "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n"
                                            "Origin: http://evil.example\r\n"
                                         << 403;
        QTest::newRow("foreign Host") << "POST / HTTP/1.1\r\nHost: evil.example\r\n" << 403;
        QTest::newRow("absolute-form") << "PUT http://evil.example/ HTTP/1.1\r\n"
                                          "Host: 127.0.0.1:PORT\r\n"
                                       << 400;
    }
    void refusedUploadsAreAnsweredBeforeTheirBody()
    {
        // The body of a request refused anyway was read first, up to maxBodyBytes (64 MB) per
        // connection: 12 cross-site uploads held 725 MB until they ended. The answer now comes
        // from the head alone; not a byte of the 50 MB body is sent here.
        QFETCH(QString, head);
        QFETCH(int, status);
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        HttpConnection client(server->port());
        QVERIFY(!client.connectError);
        QVERIFY(!client.writeRaw(replacePort(head, server->port()) +
                                 "Content-Type: text/plain\r\nContent-Length: 52428800\r\n\r\n"));
        std::string received;
        client.readRawUntil(received, [](const std::string &) { return false; }); // until closed
        QCOMPARE(statusOf(received), status);
        QCOMPARE(recorder.calls.load(), 0);
        QVERIFY(stillServing(server->port()));
    }

    void requestBodiesInFlightAreBounded()
    {
        // Every connection could hold a body of up to maxBodyBytes while it arrived: 12
        // same-origin 60 MB uploads held 725 MB, a hundred would exhaust memory. Together they
        // may hold maxBodyBytesInFlight; a request that does not fit gets 503 from its head.
        sy::DevServerOptions options;
        options.maxBodyBytes = 1000;
        options.maxBodyBytesInFlight = 2000;
        Recorder recorder;
        auto server = startServer(recorder.handler(), options);
        QVERIFY(server);
        const uint16_t port = server->port();
        const std::string head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                                 "\r\nExpect: 100-continue\r\nContent-Length: ";
        // Two uploads of 1000 bytes each, half sent: the server said 100 Continue to both.
        std::vector<std::unique_ptr<HttpConnection>> uploads;
        for (int i = 0; i < 2; ++i) {
            uploads.push_back(std::make_unique<HttpConnection>(port));
            QVERIFY(!uploads.back()->writeRaw(head + "1000\r\n\r\n"));
            std::string interim;
            uploads.back()->readRawUntil(interim, [](const std::string &text) {
                return text.find("\r\n\r\n") != std::string::npos;
            });
            QVERIFY2(interim.rfind("HTTP/1.1 100", 0) == 0, interim.c_str());
            QVERIFY(!uploads.back()->writeRaw(std::string(500, 'x')));
        }
        // A third body does not fit: 503 before a byte of it; a body-less request still does.
        HttpConnection third(port);
        QVERIFY(!third.writeRaw(head + "10\r\n\r\n"));
        std::string refused;
        third.readRawUntil(refused, [](const std::string &) { return false; }); // until closed
        QVERIFY2(refused.rfind("HTTP/1.1 503", 0) == 0, refused.c_str());
        QVERIFY(stillServing(port));
        // The first upload ends: its bytes are free again.
        QVERIFY(!uploads[0]->writeRaw(std::string(500, 'x')));
        std::string done;
        uploads[0]->readRawUntil(done, [](const std::string &text) {
            return text.find("\r\n\r\nok") != std::string::npos;
        });
        QVERIFY2(done.rfind("HTTP/1.1 200", 0) == 0, done.c_str());
        const std::string fits =
            sendRaw(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nContent-Length: 2\r\n\r\n[]");
        QCOMPARE(statusOf(fits), 200);
        QCOMPARE(recorder.calls.load(), 3); // the first upload, stillServing's GET, `fits`
    }

    void methodsFetchCannotCarryAre405()
    {
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        for (const char *method : {"TRACE", "TRACK"}) {
            const std::string response =
                sendRaw(server->port(), std::string(method) + " / HTTP/1.1\r\nHost: 127.0.0.1:" +
                                            std::to_string(server->port()) + "\r\n\r\n");
            QCOMPARE(statusOf(response), 405);
        }
        QCOMPARE(recorder.calls.load(), 0);
        QVERIFY(stillServing(server->port()));
    }

    void bytesThatAreNotUtf8AreData()
    {
        Recorder recorder;
        auto server = startServer(recorder.handler());
        QVERIFY(server);
        const std::string target = "/\xff\xfe?q=\xc3\x28";
        const std::string cookie = "session=\xff\x80; other=caf\xe9";
        const std::string response =
            sendRaw(server->port(), "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                        std::to_string(server->port()) + "\r\nCookie: " + cookie +
                                        "\r\nX-Raw: \xc0\xaf\r\nContent-Length: 3\r\n\r\n" +
                                        std::string("\xff\x00\xfe", 3));
        QCOMPARE(statusOf(response), 200);
        const sy::HttpRequest seen = recorder.lastRequest();
        QCOMPARE(seen.target, target);
        QCOMPARE(seen.header("cookie"), cookie);
        QCOMPARE(seen.header("x-raw"), std::string("\xc0\xaf"));
        QCOMPARE(seen.body, std::string("\xff\x00\xfe", 3));
    }

    void originOfRequestsOtherThanGetIsChecked_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<int>("status");
        QTest::newRow("POST, no Origin") << "POST"
                                         << "" << 200;
        QTest::newRow("POST, own origin") << "POST"
                                          << "http://127.0.0.1:PORT" << 200;
        QTest::newRow("POST, own origin by localhost") << "POST"
                                                       << "http://localhost:PORT" << 200;
        QTest::newRow("POST, allowed origin") << "POST"
                                              << "https://proxy.example.test" << 200;
        QTest::newRow("POST, evil") << "POST"
                                    << "http://evil.example" << 403;
        QTest::newRow("POST, localhost other port") << "POST"
                                                    << "http://localhost:3000" << 403;
        QTest::newRow("POST, https on our port") << "POST"
                                                 << "https://127.0.0.1:PORT" << 403;
        QTest::newRow("POST, null") << "POST"
                                    << "null" << 403;
        QTest::newRow("PUT, evil") << "PUT"
                                   << "http://evil.example" << 403;
        QTest::newRow("DELETE, evil") << "DELETE"
                                      << "http://evil.example" << 403;
        QTest::newRow("OPTIONS, evil") << "OPTIONS"
                                       << "http://evil.example" << 403;
        QTest::newRow("GET, evil (unreadable without CORS)") << "GET"
                                                             << "http://evil.example" << 200;
    }
    void originOfRequestsOtherThanGetIsChecked()
    {
        QFETCH(QString, method);
        QFETCH(QString, origin);
        QFETCH(int, status);
        Recorder recorder;
        sy::DevServerOptions options;
        options.allowedOrigins = {"https://proxy.example.test"};
        auto server = startServer(recorder.handler(), options);
        QVERIFY(server);
        const uint16_t port = server->port();
        std::string raw = method.toStdString() +
                          " /action HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nContent-Length: 2\r\n";
        if (!origin.isEmpty())
            raw += "Origin: " + replacePort(origin, port) + "\r\n";
        const std::string response = sendRaw(port, raw + "\r\n[]");
        QCOMPARE(statusOf(response), status);
        QCOMPARE(recorder.calls.load(), status == 200 ? 1 : 0);
        if (status == 403)
            QVERIFY(response.find("This origin is not allowed") != std::string::npos);
    }

    void hmrUpgradeNeedsOwnOriginAndToken_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status"); // 101: accepted
        QTest::newRow("own origin + token") << ""
                                            << "http://127.0.0.1:PORT"
                                            << "?token=tok-123_A" << 101;
        QTest::newRow("localhost page + token") << "localhost:PORT"
                                                << "http://localhost:PORT"
                                                << "?token=tok-123_A" << 101;
        QTest::newRow("token among other params") << ""
                                                  << "http://127.0.0.1:PORT"
                                                  << "?x=1&token=tok-123_A&y" << 101;
        QTest::newRow("no Origin, no token (not a browser)") << ""
                                                             << ""
                                                             << "" << 101;
        QTest::newRow("own origin, no token") << ""
                                              << "http://127.0.0.1:PORT"
                                              << "" << 403;
        QTest::newRow("own origin, empty token") << ""
                                                 << "http://127.0.0.1:PORT"
                                                 << "?token=" << 403;
        QTest::newRow("own origin, wrong token") << ""
                                                 << "http://127.0.0.1:PORT"
                                                 << "?token=tok-123_B" << 403;
        QTest::newRow("own origin, longer token") << ""
                                                  << "http://127.0.0.1:PORT"
                                                  << "?token=tok-123_AA" << 403;
        QTest::newRow("other port + token") << ""
                                            << "http://localhost:3000"
                                            << "?token=tok-123_A" << 403;
        QTest::newRow("evil + token") << ""
                                      << "http://evil.example"
                                      << "?token=tok-123_A" << 403;
        QTest::newRow("evil Host") << "evil.example:PORT"
                                   << "http://evil.example:PORT"
                                   << "?token=tok-123_A" << 403;
    }
    void hmrUpgradeNeedsOwnOriginAndToken()
    {
        QFETCH(QString, host);
        QFETCH(QString, origin);
        QFETCH(QString, query);
        QFETCH(int, status);
        sy::DevServerOptions options;
        options.hmrToken = "tok-123_A";
        Recorder recorder;
        auto server = startServer(recorder.handler(), options);
        QVERIFY(server);
        const uint16_t port = server->port();
        WsClient ws;
        const auto ec =
            ws.connect(port, "/@switchyard/hmr" + query.toStdString(),
                       host.isEmpty() ? std::nullopt : std::optional(replacePort(host, port)),
                       origin.isEmpty() ? std::nullopt : std::optional(replacePort(origin, port)));
        if (status == 101) {
            QVERIFY2(!ec, ec.message().c_str());
            QCOMPARE(ws.readText().value_or("<none>"), std::string(R"({"type":"connected"})"));
            QCOMPARE(server->hmrClientCount(), size_t(1));
        } else {
            QCOMPARE(ec, beast::error_code(websocket::error::upgrade_declined));
            QCOMPARE(int(ws.response.result_int()), status);
            QCOMPARE(server->hmrClientCount(), size_t(0));
        }
    }

    void hmrPingIsAcceptedAndClosedWithoutMessages()
    {
        sy::DevServerOptions options;
        options.hmrToken = "tok-123_A";
        Recorder recorder;
        auto server = startServer(recorder.handler(), options);
        QVERIFY(server);
        WsClient ws;
        const auto ec = ws.connect(server->port(), "/@switchyard/hmr", std::nullopt,
                                   std::string("http://localhost:3000"), std::string("vite-ping"));
        QVERIFY2(!ec, ec.message().c_str());
        QCOMPARE(std::string(ws.response[http::field::sec_websocket_protocol]),
                 std::string("vite-ping"));
        beast::error_code readError;
        QVERIFY(!ws.readText(&readError));
        QCOMPARE(readError, beast::error_code(websocket::error::closed));
        QCOMPARE(int(ws.ws.reason().code), int(websocket::close_code::normal));
        QCOMPARE(server->hmrClientCount(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRequestPolicy)
#include "tst_request_policy.moc"
