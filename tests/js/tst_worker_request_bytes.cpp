// A worker isolate takes every byte of a request as data: a path, query, header or cookie that
// is not UTF-8 reaches the app as the client sent it (ByteStrings, percent-encoded URL bytes),
// response headers go out as the bytes the app set, and a C++ failure while answering fails that
// one request while the isolate serves the next.
#include "js/workerIsolate.h"
#include "recordingWriter.h"

#include <QtTest/QtTest>

#include <memory>
#include <stdexcept>

using namespace sy;
using namespace sy::test;

namespace {

// Answers what the app sees: the URL, and each header value as its UTF-16 code units.
const char *kEntry = R"JS(
const codes = (text) => text === null ? null : [...text].map((c) => c.charCodeAt(0));
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/latin1-header')
      return new Response('ok', { headers: { 'x-latin1': 'caf\u00e9' } });
    return Response.json({
      url: request.url,
      method: request.method,
      raw: codes(request.headers.get('x-raw')),
      cookie: codes(request.headers.get('cookie')),
      body: [...new Uint8Array(await request.arrayBuffer())],
    });
  },
};
)JS";

/// Throws from writeHead, as a writer whose bookkeeping failed would.
class ThrowingWriter : public RecordingWriter {
public:
    void writeHead(int, std::vector<HttpHeader>) override
    {
        throw std::runtime_error("writer broke");
    }
};

} // namespace

class TstWorkerRequestBytes : public QObject {
    Q_OBJECT

    MapProvider provider;
    std::unique_ptr<WorkerIsolate> worker;

    std::shared_ptr<RecordingWriter> send(HttpRequest request,
                                          std::shared_ptr<RecordingWriter> out = nullptr)
    {
        if (!out)
            out = std::make_shared<RecordingWriter>();
        worker->dispatchFetch(std::move(request), "http://localhost:5173", out);
        if (!out->wait(10000))
            qWarning("request timed out");
        return out;
    }

private slots:
    void initTestCase()
    {
        provider.set("/app/entry.js", kEntry);
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        worker = std::make_unique<WorkerIsolate>(provider, o);
        worker->start();
    }
    void cleanupTestCase() { worker.reset(); }

    void bytesThatAreNotUtf8ReachTheAppAsSent()
    {
        HttpRequest r;
        r.method = "POST";
        r.target = "/\xff\xfe/a b?q=\xc3\x28&r=%41";
        r.headers = {
            {"Host", "localhost:5173"}, {"X-Raw", "\xc0\xaf"}, {"Cookie", "s=\xff\x80; t=caf\xe9"}};
        r.body = std::string("\xff\x00", 2);
        auto out = send(r);
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->status, 200);
        QCOMPARE(QString::fromStdString(out->body()),
                 QStringLiteral(R"({"url":"http://localhost:5173/%FF%FE/a%20b?q=%C3(&r=%41",)"
                                R"("method":"POST","raw":[192,175],)"
                                R"("cookie":[115,61,255,128,59,32,116,61,99,97,102,233],)"
                                R"("body":[255,0]})"));
    }

    void lowerCaseGetWithABodyIsAGet()
    {
        HttpRequest r;
        r.method = "get";
        r.target = "/";
        r.body = "ignored";
        auto out = send(r);
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(QString::fromStdString(out->body()),
                 QStringLiteral(R"({"url":"http://localhost:5173/","method":"GET","raw":null,)"
                                R"("cookie":null,"body":[]})"));
    }

    void responseHeadersAreByteStrings()
    {
        HttpRequest r;
        r.method = "GET";
        r.target = "/latin1-header";
        auto out = send(r);
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->header("x-latin1"), std::string("caf\xe9"));
    }

    void throwingWriterFailsOnlyItsRequest()
    {
        HttpRequest r;
        r.method = "GET";
        r.target = "/";
        auto broken = send(r, std::make_shared<ThrowingWriter>());
        QVERIFY(broken->failed);
        QVERIFY2(broken->failMessage.find("writer broke") != std::string::npos,
                 broken->failMessage.c_str());
        auto next = send(r);
        QVERIFY2(next->ended, next->failMessage.c_str());
        QCOMPARE(next->status, 200);
    }
};

QTEST_GUILESS_MAIN(TstWorkerRequestBytes)
#include "tst_worker_request_bytes.moc"
