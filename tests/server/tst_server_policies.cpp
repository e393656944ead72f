// Pure policy pieces of the dev server: Host/Origin checks, URL decoding, static file lookup.
#include "server/hostCheck.h"
#include "server/mimeTypes.h"
#include "server/staticFiles.h"
#include "server/urlPath.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {
void writeFile(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}
} // namespace

class TestServerPolicies : public QObject {
    Q_OBJECT
private slots:
    void hostNames_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("name");
        QTest::newRow("name+port") << "LocalHost:5173"
                                   << "localhost";
        QTest::newRow("ipv4") << "127.0.0.1"
                              << "127.0.0.1";
        QTest::newRow("ipv6+port") << "[::1]:5173"
                                   << "::1";
        QTest::newRow("trailing dot") << "localhost.:80"
                                      << "localhost";
        QTest::newRow("bad port") << "localhost:abc"
                                  << "";
        QTest::newRow("bare ipv6") << "::1"
                                   << "";
        QTest::newRow("userinfo") << "a@localhost"
                                  << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("unclosed bracket") << "[::1"
                                          << "";
    }
    void hostNames()
    {
        QFETCH(QString, header);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(sy::hostNameOf(header.toStdString())), name);
    }

    void hostPolicy_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("localhost") << "localhost:5173" << true;
        QTest::newRow("127.0.0.1 any port") << "127.0.0.1:1" << true;
        QTest::newRow("[::1]") << "[::1]:5173" << true;
        QTest::newRow("sub.localhost") << "app.localhost:5173" << true;
        QTest::newRow("allowed extra") << "Dev.Example.Test:8080" << true;
        QTest::newRow("wildcard entry, apex") << "corp.test" << true;
        QTest::newRow("wildcard entry, sub") << "a.b.corp.test" << true;
        QTest::newRow("evil") << "evil.example" << false;
        QTest::newRow("evil with port") << "evil.example:5173" << false;
        QTest::newRow("suffix trick") << "localhost.evil.example" << false;
        QTest::newRow("rebinding ip-name") << "127.0.0.1.nip.io" << false;
        QTest::newRow("other ip") << "10.0.0.1" << false;
        QTest::newRow("missing") << "" << false;
        QTest::newRow("not quite wildcard") << "evilcorp.test" << false;
    }
    void hostPolicy()
    {
        QFETCH(QString, host);
        QFETCH(bool, allowed);
        const sy::HostPolicy policy({"dev.example.test", ".corp.test"}, "127.0.0.1");
        QCOMPARE(policy.isAllowedHost(host.toStdString()), allowed);
    }

    void bindHostIsAllowedUnlessWildcard()
    {
        QVERIFY(sy::HostPolicy({}, "192.168.1.20").isAllowedHost("192.168.1.20:5173"));
        QVERIFY(!sy::HostPolicy({}, "0.0.0.0").isAllowedHost("0.0.0.0:5173"));
    }

    void originPolicy_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("absent") << "" << true;
        QTest::newRow("localhost") << "http://localhost:5173" << true;
        QTest::newRow("127.0.0.1") << "http://127.0.0.1:5173" << true;
        QTest::newRow("ipv6") << "http://[::1]:5173" << true;
        QTest::newRow("sub.localhost") << "http://app.localhost:5173" << true;
        QTest::newRow("upper case") << "HTTP://LocalHost:5173" << true;
        QTest::newRow("trailing slash") << "http://localhost:5173/" << true;
        QTest::newRow("allowed extra host") << "http://dev.example.test:5173" << true;
        QTest::newRow("allowed origin") << "https://proxy.example.test" << true;
        QTest::newRow("allowed origin, explicit default port")
            << "https://proxy.example.test:443" << true;
        QTest::newRow("allowed origin, other scheme") << "http://proxy.example.test" << false;
        QTest::newRow("allowed origin, other port") << "https://proxy.example.test:8443" << false;
        QTest::newRow("other port") << "http://localhost:3000" << false;
        QTest::newRow("default port") << "http://localhost" << false;
        QTest::newRow("https on our port") << "https://127.0.0.1:5173" << false;
        QTest::newRow("allowed host, other port") << "http://dev.example.test" << false;
        QTest::newRow("evil") << "http://evil.example" << false;
        QTest::newRow("evil on our port") << "http://evil.example:5173" << false;
        QTest::newRow("evil lookalike") << "http://localhost.evil.example:5173" << false;
        QTest::newRow("null") << "null" << false;
        QTest::newRow("file") << "file://" << false;
        QTest::newRow("userinfo") << "http://localhost@evil.example" << false;
        QTest::newRow("path") << "http://localhost:5173/x" << false;
        QTest::newRow("port out of range") << "http://localhost:70000" << false;
        QTest::newRow("port zero") << "http://localhost:0" << false;
        QTest::newRow("bytes") << "http://\xff:5173" << false;
    }
    void originPolicy()
    {
        QFETCH(QString, origin);
        QFETCH(bool, allowed);
        const sy::HostPolicy policy({"dev.example.test"}, "127.0.0.1",
                                    {"https://Proxy.Example.Test/", "not an origin"});
        QCOMPARE(policy.isAllowedOrigin(origin.toStdString(), 5173), allowed);
    }

    void originNormalization()
    {
        QCOMPARE(sy::normalizeOrigin("HTTP://LocalHost:80/"), std::string("http://localhost"));
        QCOMPARE(sy::normalizeOrigin("https://a.test:443"), std::string("https://a.test"));
        QCOMPARE(sy::normalizeOrigin("https://a.test:8443"), std::string("https://a.test:8443"));
        QCOMPARE(sy::normalizeOrigin("http://[::1]:5173"), std::string("http://[::1]:5173"));
        QCOMPARE(sy::normalizeOrigin("ftp://a.test"), std::string());
        QCOMPARE(sy::normalizeOrigin("http://a.test/path"), std::string());
        QCOMPARE(sy::normalizeOrigin("null"), std::string());
    }

    void originForHostHeader()
    {
        QCOMPARE(sy::originForHost("LocalHost:5173"), std::string("http://localhost:5173"));
        QCOMPARE(sy::originForHost("127.0.0.1:5173"), std::string("http://127.0.0.1:5173"));
        QCOMPARE(sy::originForHost("[::1]:5173"), std::string("http://[::1]:5173"));
        QCOMPARE(sy::originForHost("localhost"), std::string("http://localhost"));
        QCOMPARE(sy::originForHost("evil.example/x"), std::string());
        QCOMPARE(sy::originForHost(""), std::string());
    }

    void percentDecoding()
    {
        QCOMPARE(sy::percentDecode("/%2e%2E/a%20b+c").value(), std::string("/../a b+c"));
        QVERIFY(!sy::percentDecode("/bad%2").has_value());
        QVERIFY(!sy::percentDecode("/bad%zz").has_value());
        QVERIFY(!sy::percentDecode("/nul%00byte").has_value());
        QCOMPARE(std::string(sy::targetPath("/a/b.js?v=1#x")), std::string("/a/b.js"));
    }

    void mimeTypes()
    {
        QCOMPARE(std::string(sy::mimeTypeFor("a/index.HTML")),
                 std::string("text/html; charset=utf-8"));
        QCOMPARE(std::string(sy::mimeTypeFor("app.js")),
                 std::string("text/javascript; charset=utf-8"));
        QCOMPARE(std::string(sy::mimeTypeFor("s.css")), std::string("text/css; charset=utf-8"));
        QCOMPARE(std::string(sy::mimeTypeFor("i.svg")),
                 std::string("image/svg+xml; charset=utf-8"));
        QCOMPARE(std::string(sy::mimeTypeFor("f.woff2")), std::string("font/woff2"));
        QCOMPARE(std::string(sy::mimeTypeFor("blob.bin")), std::string("application/octet-stream"));
        QCOMPARE(std::string(sy::mimeTypeFor("noext")), std::string("application/octet-stream"));
    }

    void staticLookup()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path base = fs::path(dir.path().toStdString());
        const fs::path root = base / "public";
        const fs::path second = base / "second";
        writeFile(root / "app.js", "export {}\n");
        writeFile(root / "sub" / "index.html", "<p>sub</p>");
        writeFile(root / ".env", "SECRET=1");
        writeFile(root / ".git" / "config", "[core]");
        writeFile(second / "only-in-second.css", "a{}");
        writeFile(second / "app.js", "shadowed");
        writeFile(base / "secret.txt", "top secret");
        fs::create_symlink(base / "secret.txt", root / "leak.txt");
        fs::create_symlink(base, root / "up");
        fs::create_symlink(root / "app.js", root / "alias.js");

        const sy::StaticFiles files({root, second, base / "does-not-exist"});
        using S = sy::StaticFiles::Status;
        auto status = [&](const char *target) { return files.resolve(target).status; };

        QCOMPARE(status("/app.js"), S::Found);
        QCOMPARE(files.resolve("/app.js?v=123").file, fs::canonical(root / "app.js"));
        QCOMPARE(files.resolve("/only-in-second.css").file,
                 fs::canonical(second / "only-in-second.css"));
        QCOMPARE(files.resolve("/sub/").file, fs::canonical(root / "sub" / "index.html"));
        QCOMPARE(files.resolve("/alias.js").file, fs::canonical(root / "app.js"));
        QCOMPARE(status("/missing.js"), S::NotFound);
        QCOMPARE(status("/../etc/passwd"), S::BadRequest);
        QCOMPARE(status("/../secret.txt"), S::BadRequest);
        QCOMPARE(status("/%2e%2e/secret.txt"), S::BadRequest);
        QCOMPARE(status("/%2E%2E%2Fsecret.txt"), S::BadRequest);
        QCOMPARE(status("/sub/%2e%2e/%2e%2e/secret.txt"), S::BadRequest);
        QCOMPARE(status("/..%5csecret.txt"), S::BadRequest);
        QCOMPARE(status("/leak.txt"), S::Forbidden);
        QCOMPARE(status("/up/secret.txt"), S::Forbidden);
        QCOMPARE(status("/.env"), S::Forbidden);
        QCOMPARE(status("/.git/config"), S::Forbidden);
        QCOMPARE(status("/bad%zz"), S::BadRequest);
        QCOMPARE(status("relative.js"), S::BadRequest);
    }
};

QTEST_GUILESS_MAIN(TestServerPolicies)
#include "tst_server_policies.moc"
