// The worker's static assets binding (dev/assetsBinding.h, env/assetsConfig.h):
// wrangler's `assets` config, the asset worker's html_handling and
// not_found_handling, ETag / If-None-Match, methods, and the file policy:
// .env, .dev.vars, wrangler.jsonc, a symlink out of the folder (into the app
// and out of it) and path traversal are refused, never read.
#include "dev/assetsBinding.h"
#include "server/filePolicy.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace sy;
using sy::test::contains;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const char *kSecret = "SECRET_TOKEN=hunter2";

std::string header(const AssetResponse &r, const std::string &name)
{
    for (const auto &[n, v] : r.headers)
        if (n == name)
            return v;
    return {};
}

/// A host standing for the storage behind the other bindings.
struct RecordingHost : BindingHost {
    std::string last;
    BindingResult call(std::string_view binding, std::string_view op, std::string_view,
                       std::span<const uint8_t>) override
    {
        last = std::string(binding) + "." + std::string(op);
        return BindingResult::success("\"storage\"");
    }
};
} // namespace

class TestAssetsBinding : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_outside;
    fs::path m_root;
    std::shared_ptr<FilePolicy> m_policy;

    AssetsBinding binding(const std::string &html = "auto-trailing-slash",
                          const std::string &notFound = "none") const
    {
        AssetsConfig config;
        config.binding = "ASSETS";
        config.directory = (m_root / "public").string();
        config.htmlHandling = html;
        config.notFoundHandling = notFound;
        return AssetsBinding(config, m_policy);
    }
    static AssetResponse get(const AssetsBinding &b, const std::string &path,
                             const std::string &search = "")
    {
        return b.fetch("GET", path, search, "");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_outside.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        writeText(m_root / "wrangler.jsonc", "{ \"name\": \"a\", \"main\": \"src/worker.ts\" }\n");
        writeText(m_root / ".env", kSecret);
        writeText(m_root / "src/secret.txt", kSecret);
        writeText(m_root / "public/index.html", "<h1>home</h1>");
        writeText(m_root / "public/about.html", "<h1>about</h1>");
        writeText(m_root / "public/blog/index.html", "<h1>blog</h1>");
        writeText(m_root / "public/style.css", "body { color: red }");
        writeText(m_root / "public/404.html", "<h1>not here</h1>");
        writeText(m_root / "public/docs/404.html", "<h1>no such doc</h1>");
        writeText(m_root / "public/.env", kSecret);
        writeText(m_root / "public/.dev.vars", kSecret);
        writeText(m_root / "public/wrangler.jsonc", kSecret);
        const fs::path outside = fs::canonical(m_outside.path().toStdString()) / "secret.txt";
        writeText(outside, kSecret);
        fs::create_symlink(m_root / "src/secret.txt", m_root / "public/into-app.txt");
        fs::create_symlink(outside, m_root / "public/out.txt");
        fs::create_symlink(outside, m_root / "public/page.html"); // "/page" would serve it
        FilePolicyConfig policy;
        policy.appRoot = m_root;
        m_policy = std::make_shared<FilePolicy>(policy);
    }

    void servesAFileWithItsTypeAndValidators()
    {
        const AssetResponse r = get(binding(), "/style.css");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("body { color: red }"));
        QVERIFY2(header(r, "Content-Type").rfind("text/css", 0) == 0,
                 header(r, "Content-Type").c_str());
        QCOMPARE(header(r, "Cache-Control"), std::string("public, max-age=0, must-revalidate"));
        const std::string etag = header(r, "ETag");
        QVERIFY(etag.size() > 2 && etag.front() == '"');
        const AssetResponse again = binding().fetch("GET", "/style.css", "", "W/" + etag);
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.empty());
        const AssetResponse head = binding().fetch("HEAD", "/style.css", "", "");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.empty());
        // Percent-encoded once, decoded once.
        QCOMPARE(get(binding(), "/styl%65.css").status, 200);
    }

    void autoTrailingSlashHtmlHandling()
    {
        const AssetsBinding b = binding();
        QCOMPARE(get(b, "/").body, std::string("<h1>home</h1>"));
        QCOMPARE(get(b, "/about").body, std::string("<h1>about</h1>"));
        QCOMPARE(get(b, "/blog/").body, std::string("<h1>blog</h1>"));
        const auto redirects = [&](const std::string &from, const std::string &search,
                                   const std::string &to) {
            const AssetResponse r = get(b, from, search);
            QCOMPARE(r.status, 307);
            QCOMPARE(header(r, "Location"), to);
        };
        redirects("/about.html", "", "/about");
        redirects("/about.html", "?x=1", "/about?x=1");
        redirects("/blog", "", "/blog/");
        redirects("/blog/index.html", "", "/blog/");
        redirects("/index.html", "", "/");
        // No html_handling: only exact files.
        const AssetsBinding none = binding("none");
        QCOMPARE(get(none, "/about").status, 404);
        QCOMPARE(get(none, "/about.html").status, 200);
        // drop-trailing-slash: /blog serves the folder's index, /blog/ redirects to it.
        const AssetsBinding drop = binding("drop-trailing-slash");
        QCOMPARE(get(drop, "/blog").body, std::string("<h1>blog</h1>"));
        QCOMPARE(header(get(drop, "/blog/"), "Location"), std::string("/blog"));
        // force-trailing-slash: /about redirects to /about/, which serves about.html.
        const AssetsBinding force = binding("force-trailing-slash");
        QCOMPARE(header(get(force, "/about"), "Location"), std::string("/about/"));
        QCOMPARE(get(force, "/about/").body, std::string("<h1>about</h1>"));
    }

    void notFoundHandling()
    {
        const AssetResponse none = get(binding(), "/missing.png");
        QCOMPARE(none.status, 404);
        QVERIFY(none.body.empty());
        const AssetResponse page = get(binding("auto-trailing-slash", "404-page"), "/docs/x/y");
        QCOMPARE(page.status, 404);
        QCOMPARE(page.body, std::string("<h1>no such doc</h1>")); // the nearest 404.html
        QCOMPARE(get(binding("auto-trailing-slash", "404-page"), "/nope").body,
                 std::string("<h1>not here</h1>"));
        const AssetResponse spa =
            get(binding("auto-trailing-slash", "single-page-application"), "/app/route");
        QCOMPARE(spa.status, 200);
        QCOMPARE(spa.body, std::string("<h1>home</h1>"));
    }

    void onlyGetAndHead()
    {
        const AssetResponse post = binding().fetch("POST", "/style.css", "", "");
        QCOMPARE(post.status, 405);
        QCOMPARE(header(post, "Allow"), std::string("GET, HEAD"));
        QCOMPARE(binding().fetch("POST", "/missing", "", "").status, 404);
    }

    void refusesSecretsAndSymlinksOutOfTheFolder()
    {
        const AssetsBinding b = binding("auto-trailing-slash", "single-page-application");
        for (const char *path : {"/.env", "/.dev.vars", "/wrangler.jsonc", "/into-app.txt",
                                 "/out.txt", "/%2eenv", "/.dev.vars/"}) {
            const AssetResponse r = get(b, path);
            QVERIFY2(r.status == 403 || (r.status == 200 && r.body == "<h1>home</h1>"), path);
            QVERIFY2(!contains(r.body, "hunter2"), path);
            if (std::string(path).back() != '/')
                QVERIFY2(r.status == 403 && !r.body.empty(), path); // with the reason
        }
        // Outside the app the policy's own reason; inside the app, outside the folder, ours.
        QVERIFY(contains(get(b, "/out.txt").body, "Forbidden"));
        QVERIFY(contains(get(b, "/into-app.txt").body, "leads out of the assets folder"));
        // html_handling never reaches a file a probe would leave the folder for.
        const AssetResponse page = get(binding(), "/page");
        QCOMPARE(page.status, 404);
        QVERIFY(!contains(page.body, "hunter2"));
    }

    void refusesPathTraversal()
    {
        for (const char *path :
             {"/../.env", "/%2e%2e/.env", "/%2E%2E/src/secret.txt", "/blog/../../.env",
              "/blog/%2e%2e/%2e%2e/wrangler.jsonc", "/..%2f.env", "/..%5c.env", "/a\\..\\.env",
              "/style.css%00.html", "/%zz"}) {
            const AssetResponse r =
                get(binding("auto-trailing-slash", "single-page-application"), path);
            QVERIFY2(r.status == 400, path);
            QVERIFY2(!contains(r.body, "hunter2"), path);
        }
        // Dot segments that stay inside the folder are normalized, as a URL parser does.
        QCOMPARE(get(binding(), "/blog/../style.css").status, 200);
    }

    void theBindingHostRoutesByName()
    {
        auto storage = std::make_shared<RecordingHost>();
        AssetsConfig config;
        config.binding = "ASSETS";
        config.directory = (m_root / "public").string();
        AssetsBindingHost host(std::make_shared<AssetsBinding>(config, m_policy), storage);
        const BindingResult r = host.call(
            "ASSETS", "fetch",
            R"({"method":"GET","pathname":"/about.html","search":"?q","ifNoneMatch":""})", {});
        QVERIFY(r.ok());
        const nlohmann::json j = nlohmann::json::parse(r.json);
        QCOMPARE(j["status"].get<int>(), 307);
        QCOMPARE(j["headers"][0][1].get<std::string>(), std::string("/about?q"));
        const BindingResult css =
            host.call("ASSETS", "fetch", R"({"method":"GET","pathname":"/style.css"})", {});
        QCOMPARE(std::string(css.bytes.begin(), css.bytes.end()),
                 std::string("body { color: red }"));
        QVERIFY(host.call("KV", "get", "{}", {}).ok());
        QCOMPARE(storage->last, std::string("KV.get"));
        QCOMPARE(int(host.call("ASSETS", "put", "{}", {}).status),
                 int(BindingResult::Status::TypeError));
    }

    // The router in front of a Worker (the pool's SELF): an asset the path names
    // answers, anything else is the Worker's; without a Worker it is fetch().
    void routesInFrontOfTheWorker()
    {
        const AssetsBinding spa = binding("auto-trailing-slash", "single-page-application");
        auto route = [&](const AssetsBinding &b, const char *method, const char *path,
                         bool hasWorker = true) {
            return b.route(method, path, "", "", hasWorker);
        };
        QCOMPARE(route(spa, "GET", "/about")->body, std::string("<h1>about</h1>"));
        QCOMPARE(route(spa, "GET", "/about.html")->status, 307);
        QCOMPARE(route(spa, "POST", "/style.css")->status, 405);
        QVERIFY(!route(spa, "GET", "/api/users")); // no asset: the Worker (not the SPA page)
        QVERIFY(!route(spa, "POST", "/missing"));
        QVERIFY(!route(spa, "GET", "/%zz")); // does not decode: the Worker's to answer
        // Without a Worker, not_found_handling answers.
        QCOMPARE(route(spa, "GET", "/api/users", false)->body, std::string("<h1>home</h1>"));
        QCOMPARE(route(binding(), "GET", "/missing", false)->status, 404);

        AssetsConfig config;
        config.directory = (m_root / "public").string(); // no binding: routing only
        config.runWorkerFirstRoutes = {std::string("/blog/") + "*", "!/blog/index.html"};
        const AssetsBinding routes(config, m_policy);
        QVERIFY(!route(routes, "GET", "/blog/"));
        QCOMPARE(route(routes, "GET", "/blog/index.html")->status, 307);
        QCOMPARE(route(routes, "GET", "/style.css")->status, 200);
        config.runWorkerFirst = true;
        QVERIFY(!route(AssetsBinding(config, m_policy), "GET", "/style.css"));

        AssetsBindingHost host(std::make_shared<AssetsBinding>(config, m_policy), nullptr);
        const BindingResult worker = host.call(kAssetsRouterBinding, "route",
                                               R"({"method":"GET","pathname":"/style.css"})", {});
        QVERIFY(worker.ok());
        QCOMPARE(worker.json, std::string("null"));
        const BindingResult asset =
            host.call(kAssetsRouterBinding, "route",
                      R"({"method":"GET","pathname":"/style.css","hasWorker":false})", {});
        QCOMPARE(nlohmann::json::parse(asset.json)["status"].get<int>(), 200);
    }

    void readsRunWorkerFirst()
    {
        std::string error;
        AssetsConfig out;
        QVERIFY(readAssetsConfig(nlohmann::json::parse(R"({"assets":{"directory":"./public"}})"),
                                 m_root.string(), m_root.string(), false, "wrangler.jsonc", out,
                                 error));
        QVERIFY(out.declared && !out.enabled() && !out.runWorkerFirst);
        const nlohmann::json routes = {
            {"assets", {{"run_worker_first", {std::string("/api/") + "*", "!/api/doc"}}}}};
        QVERIFY(readAssetsConfig(routes, m_root.string(), m_root.string(), false,
                                 "wrangler.jsonc", out, error));
        QCOMPARE(out.runWorkerFirstRoutes.size(), size_t(2));
        QVERIFY(readAssetsConfig(nlohmann::json::parse(R"({"assets":{"run_worker_first":true}})"),
                                 m_root.string(), m_root.string(), false, "wrangler.jsonc", out,
                                 error));
        QVERIFY(out.runWorkerFirst);
        QVERIFY(!readAssetsConfig(nlohmann::json::parse(R"({"assets":{"run_worker_first":"yes"}})"),
                                  m_root.string(), m_root.string(), false, "wrangler.jsonc", out,
                                  error));
        QVERIFY(contains(error, "assets.run_worker_first must be"));
        QVERIFY(readAssetsConfig(nlohmann::json::parse(R"({"name":"x"})"), m_root.string(),
                                 m_root.string(), false, "wrangler.jsonc", out, error));
        QVERIFY(!out.declared);
    }

    void readsWranglersAssetsConfig()
    {
        std::string error;
        AssetsConfig out;
        const nlohmann::json config = nlohmann::json::parse(
            R"({"assets":{"binding":"ASSETS","directory":"./dist/client","not_found_handling":"404-page"}})");
        QVERIFY(readAssetsConfig(config, m_root.string(), m_root.string(), false, "wrangler.jsonc",
                                 out, error));
        QCOMPARE(out.binding, std::string("ASSETS"));
        QCOMPARE(out.directory, (m_root / "dist/client").string());
        QCOMPARE(out.notFoundHandling, std::string("404-page"));
        QCOMPARE(out.htmlHandling, std::string("auto-trailing-slash"));
        // Under the Cloudflare Vite plugin the dev binding serves Vite's public/.
        QVERIFY(readAssetsConfig(config, m_root.string(), m_root.string(), true, "wrangler.jsonc",
                                 out, error));
        QCOMPARE(out.directory, (m_root / "public").string());
        const nlohmann::json bad =
            nlohmann::json::parse(R"({"assets":{"binding":"ASSETS","html_handling":"always"}})");
        QVERIFY(!readAssetsConfig(bad, m_root.string(), m_root.string(), false, "wrangler.jsonc",
                                  out, error));
        QVERIFY2(contains(error, "wrangler.jsonc: assets.html_handling must be one of "
                                 "\"auto-trailing-slash\""),
                 error.c_str());
        const nlohmann::json noName = nlohmann::json::parse(R"({"assets":{"binding":3}})");
        QVERIFY(!readAssetsConfig(noName, m_root.string(), m_root.string(), false, "wrangler.jsonc",
                                  out, error));
        QVERIFY(contains(error, "assets.binding"));
    }
};

QTEST_GUILESS_MAIN(TestAssetsBinding)
#include "tst_assets_binding.moc"
