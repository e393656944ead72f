// FilePolicy: the one check every dev-server route that reads a file goes
// through. Request path normalization, the deny list, allowed roots (the app,
// the node_modules it resolves into, symlinked packages, extra roots), real
// paths, FIFOs/devices/procfs, the size cap, and StaticFiles on top of it.
#include "server/filePolicy.h"
#include "server/staticFiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using sy::FilePolicy;
using Verdict = sy::FilePolicy::Verdict;

namespace {
void writeFile(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}
} // namespace

class TestFilePolicy : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_base, m_app, m_runtime, m_outside;
    std::unique_ptr<FilePolicy> m_policy;

    FilePolicy::Decision check(const fs::path &p) const { return m_policy->check(p); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = fs::canonical(m_dir.path().toStdString());
        m_app = m_base / "app";
        m_runtime = m_base / "runtime";
        m_outside = m_base / "outside";
        writeFile(m_app / "src/app.ts", "export const a = 1;\n");
        writeFile(m_app / "src/dir/x.ts", "x");
        writeFile(m_app / ".env", "SECRET_ENV");
        writeFile(m_app / ".env.local", "SECRET_ENV_LOCAL");
        writeFile(m_app / "src/.ENV.Production", "SECRET_UPPER");
        writeFile(m_app / ".dev.vars", "SECRET_DEV_VARS");
        writeFile(m_app / ".dev.vars.staging", "SECRET_DEV_VARS_STAGING");
        writeFile(m_app / ".git/config", "[core] SECRET_GIT");
        writeFile(m_app / "key.pem", "SECRET_PEM");
        writeFile(m_app / "certs/cert.CRT", "SECRET_CRT");
        writeFile(m_app / "id.key", "SECRET_KEY");
        writeFile(m_app / ".npmrc", "//registry/:_authToken=SECRET");
        writeFile(m_app / ".wrangler/state/v3/d1/db.sqlite", "SECRET_WRANGLER");
        writeFile(m_app / ".switchyard/storage/kv.sqlite", "SECRET_STORAGE");
        writeFile(m_app / ".switchyard/deps_client/react.js", "export default 1;\n");
        writeFile(m_app / ".switchyard/deps_client@abc/react.js", "export default 0;\n");
        writeFile(m_runtime / "client/hmr.js", "export {};\n");
        writeFile(m_outside / "secret.txt", "SECRET_OUTSIDE");
        writeFile(m_outside / "nm/react/index.js", "module.exports = 1;\n");
        writeFile(m_outside / "nm/react/.env", "SECRET_IN_PACKAGE");
        writeFile(m_outside / "packages/linked/index.js", "export const linked = 1;\n");
        writeFile(m_outside / "packages/scoped/index.js", "export const scoped = 1;\n");
        writeFile(m_outside / "packages/linked/package.json", R"({"name":"linked"})");
        writeFile(m_outside / "packages/scoped/package.json", R"({"name":"@scope/pkg"})");
        // node_modules may be a symlink (e2e tests link the example's), with
        // symlinked packages in it (workspaces, pnpm).
        fs::create_directory_symlink(m_outside / "nm", m_app / "node_modules");
        fs::create_directory_symlink(m_outside / "packages/linked", m_outside / "nm/linked");
        fs::create_directories(m_outside / "nm/@scope");
        fs::create_directory_symlink(m_outside / "packages/scoped", m_outside / "nm/@scope/pkg");
        // Symlinks inside the app that lead out, or to a secret, or to a device.
        fs::create_symlink(m_outside / "secret.txt", m_app / "src/leak.js");
        fs::create_symlink(m_app / ".env", m_app / "src/innocent.js");
        fs::create_symlink("/dev/zero", m_app / "src/zero.js");
        fs::create_symlink("/proc/self/environ", m_app / "src/environ.js");
        fs::create_directory_symlink(m_outside, m_app / "src/up");
        QCOMPARE(::mkfifo((m_app / "src/pipe.js").c_str(), 0600), 0);

        sy::FilePolicyConfig config;
        config.appRoot = m_app;
        config.extraRoots = {m_runtime};
        config.deniedDirs = {m_app / ".switchyard/storage"};
        m_policy = std::make_unique<FilePolicy>(config);
    }

    void normalizesRequestPaths_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << "/src/app.ts" << 200 << "/src/app.ts";
        QTest::newRow("query ignored") << "/src/app.ts?raw&x=/../.." << 200 << "/src/app.ts";
        QTest::newRow("double query") << "/src/app.ts??raw" << 200 << "/src/app.ts";
        QTest::newRow("fragment") << "/a.js#/../../x" << 200 << "/a.js";
        QTest::newRow("double slash") << "//src//app.ts" << 200 << "/src/app.ts";
        QTest::newRow("dot segments") << "/./src/./app.ts/." << 200 << "/src/app.ts";
        QTest::newRow("dotdot inside") << "/src/../.env" << 200 << "/.env";
        QTest::newRow("deps dotdot") << "/.switchyard/deps_client/../../.env" << 200 << "/.env";
        QTest::newRow("encoded dotdot inside") << "/src/%2e%2E/.env" << 200 << "/.env";
        QTest::newRow("encoded slash") << "/src%2F..%2F.env" << 200 << "/.env";
        QTest::newRow("encoded dot name") << "/%2eenv" << 200 << "/.env";
        QTest::newRow("root") << "/" << 200 << "/";
        QTest::newRow("utf8 kept") << "/caf%C3%A9.js" << 200 << "/caf\xC3\xA9.js";
        QTest::newRow("double encoded stays literal") << "/%252e%252e/x" << 200 << "/%2e%2e/x";
        QTest::newRow("dotdot above root") << "/../etc/passwd" << 400 << "";
        QTest::newRow("dotdot above root later") << "/a/../../etc/passwd" << 400 << "";
        QTest::newRow("encoded dotdot above root") << "/%2e%2e/%2E%2E/etc/passwd" << 400 << "";
        QTest::newRow("mixed-case encoded dotdot") << "/.%2E/etc/passwd" << 400 << "";
        QTest::newRow("@fs dotdot above root") << "/@fs/../../etc/passwd" << 400 << "";
        QTest::newRow("encoded NUL") << "/.env%00.js" << 400 << "";
        QTest::newRow("backslash") << "/src\\..\\.env" << 400 << "";
        QTest::newRow("encoded backslash") << "/..%5c.env" << 400 << "";
        QTest::newRow("malformed escape") << "/bad%zz" << 400 << "";
        QTest::newRow("truncated escape") << "/bad%2" << 400 << "";
        QTest::newRow("relative") << "src/app.ts" << 400 << "";
        QTest::newRow("absolute-form") << "http://evil.example/.env" << 400 << "";
    }
    void normalizesRequestPaths()
    {
        QFETCH(QString, target);
        QFETCH(int, status);
        QFETCH(QString, path);
        const sy::RequestPath r = sy::normalizeRequestPath(target.toStdString());
        QCOMPARE(r.status, status);
        QCOMPARE(QString::fromStdString(r.path), path);
        QCOMPARE(r.reason.empty(), status == 200);
        QVERIFY(r.reason.find('\n') == std::string::npos);
    }

    void rawNulByteIsABadRequest()
    {
        const std::string target("/.env\0.js", 9);
        QCOMPARE(sy::normalizeRequestPath(target).status, 400);
        QCOMPARE(check(m_app.string() + std::string("/.env\0.js", 9)).verdict, Verdict::Forbidden);
    }

    void denyList_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("pattern");
        QTest::newRow(".env") << ".env"
                              << ".env";
        QTest::newRow(".ENV") << ".ENV"
                              << ".env";
        QTest::newRow(".env.local") << ".env.local"
                                    << ".env.*";
        QTest::newRow(".Env.Production") << ".Env.Production"
                                         << ".env.*";
        QTest::newRow("pem") << "server.pem"
                             << "*.pem";
        QTest::newRow("crt") << "ca.CRT"
                             << "*.crt";
        QTest::newRow("key") << "id.key"
                             << "*.key";
        QTest::newRow("p12") << "a.p12"
                             << "*.p12";
        QTest::newRow("git") << ".git"
                             << "**/.git/**";
        QTest::newRow("dev.vars") << ".dev.vars"
                                  << ".dev.vars*";
        QTest::newRow("dev.vars.staging") << ".dev.vars.staging"
                                          << ".dev.vars*";
        QTest::newRow("npmrc") << ".npmrc"
                               << ".npmrc";
        QTest::newRow("yarnrc") << ".yarnrc.yml"
                                << ".yarnrc.yml";
        QTest::newRow("wrangler") << ".wrangler"
                                  << ".wrangler/**";
        // The Worker's config holds its vars (bindings): the app renders them or nobody does.
        QTest::newRow("wrangler.jsonc") << "wrangler.jsonc"
                                        << "wrangler.{json,jsonc,toml}";
        QTest::newRow("Wrangler.JSON") << "Wrangler.JSON"
                                       << "wrangler.{json,jsonc,toml}";
        QTest::newRow("wrangler.toml") << "wrangler.toml"
                                       << "wrangler.{json,jsonc,toml}";
        for (const char *fine : {"env.ts", ".envrc", "dotenv", "pem.js", "key.pem.js", ".gitignore",
                                 ".github", "index.js", "dev.vars.ts", "keys", ".switchyard",
                                 "deps_client", "wrangler.ts", "wrangler"})
            QTest::newRow(fine) << fine << "";
    }
    void denyList()
    {
        QFETCH(QString, name);
        QFETCH(QString, pattern);
        QCOMPARE(QString::fromStdString(std::string(FilePolicy::deniedPattern(name.toStdString()))),
                 pattern);
    }

    void allowsAppRuntimeNodeModulesAndPreBundles()
    {
        for (const fs::path &p :
             {m_app / "src/app.ts", m_app / ".switchyard/deps_client/react.js",
              m_app / ".switchyard/deps_client@abc/react.js", m_app / "node_modules/react/index.js",
              m_outside / "nm/react/index.js", m_app / "node_modules/linked/index.js",
              m_outside / "packages/linked/index.js", m_outside / "packages/scoped/index.js",
              m_runtime / "client/hmr.js", m_app / "src/dir/../app.ts"}) {
            const FilePolicy::Decision d = check(p);
            QVERIFY2(d.allowed(), (p.string() + ": " + d.reason).c_str());
            QCOMPARE(d.httpStatus(), 200);
            QCOMPARE(d.realPath, fs::canonical(p));
        }
        QCOMPARE(check(m_app / "src/app.ts").size, uint64_t(20));
        const auto roots = m_policy->allowedRoots();
        for (const fs::path &root : {m_app, m_runtime, m_outside / "nm",
                                     m_outside / "packages/linked", m_outside / "packages/scoped"})
            QVERIFY2(std::find(roots.begin(), roots.end(), root) != roots.end(),
                     root.string().c_str());
        QVERIFY(std::find(roots.begin(), roots.end(), m_outside) == roots.end());
    }

    void refusesSecretsInsideTheApp()
    {
        for (const char *rel :
             {".env", ".env.local", "src/.ENV.Production", ".dev.vars", ".dev.vars.staging",
              ".git/config", ".git", "key.pem", "certs/cert.CRT", "id.key", ".npmrc",
              ".wrangler/state/v3/d1/db.sqlite", ".switchyard/storage/kv.sqlite", "src/innocent.js",
              "node_modules/react/.env", "src/nope/../../.env", ".env.missing"}) {
            const FilePolicy::Decision d = check(m_app / rel);
            QVERIFY2(d.verdict == Verdict::Forbidden, rel);
            QCOMPARE(d.httpStatus(), 403);
            QVERIFY2(!d.reason.empty() && d.reason.find('\n') == std::string::npos, rel);
            std::string content = "stale";
            QCOMPARE(m_policy->read(m_app / rel, content).verdict, Verdict::Forbidden);
            QVERIFY(content.empty());
        }
        QVERIFY(check(m_app / ".env").reason.find(".env") != std::string::npos);
        QVERIFY(check(m_app / ".switchyard/storage/kv.sqlite").reason.find("storage") !=
                std::string::npos);
    }

    void refusesEverythingOutsideTheRoots()
    {
        for (const fs::path &p :
             {m_outside / "secret.txt", m_app / "src/leak.js", m_app / "src/up/secret.txt",
              m_app / "src/../../outside/secret.txt", fs::path("/etc/passwd"),
              fs::path("/proc/self/environ"), m_app / "src/environ.js", fs::path("/dev/zero"),
              m_app / "src/zero.js", m_base}) {
            const FilePolicy::Decision d = check(p);
            QVERIFY2(d.verdict == Verdict::Forbidden, p.c_str());
        }
        QVERIFY(check(m_outside / "secret.txt").reason.find("outside") != std::string::npos);
        QCOMPARE(check("relative/app.ts").verdict, Verdict::Forbidden);
    }

    void missingFilesAndDirectoriesAreNotFound()
    {
        QCOMPARE(check(m_app / "src/missing.ts").verdict, Verdict::NotFound);
        QCOMPARE(check(m_app / "src/missing.ts").httpStatus(), 404);
        QCOMPARE(check(m_app / "src/dir").verdict, Verdict::NotFound);
        QCOMPARE(check("/nonexistent/file").verdict, Verdict::NotFound);
    }

    void fifosAndDevicesAreRefusedWithoutBlocking()
    {
        // Reading a FIFO with no writer would block forever; devices never end.
        std::string content;
        QCOMPARE(m_policy->read(m_app / "src/pipe.js", content).verdict, Verdict::Forbidden);
        QVERIFY(check(m_app / "src/pipe.js").reason.find("regular file") != std::string::npos);
        QCOMPARE(m_policy->read(m_app / "src/zero.js", content).verdict, Verdict::Forbidden);
        QVERIFY(content.empty());
    }

    void readsAllowedFiles()
    {
        std::string content;
        const FilePolicy::Decision d = m_policy->read(m_app / "src/app.ts", content);
        QVERIFY2(d.allowed(), d.reason.c_str());
        QCOMPARE(content, std::string("export const a = 1;\n"));
        QCOMPARE(d.size, uint64_t(content.size()));
        QVERIFY(m_policy->read(m_app / "node_modules/linked/index.js", content).allowed());
        QCOMPARE(content, std::string("export const linked = 1;\n"));
    }

    void sizeCap()
    {
        writeFile(m_app / "src/big.js", std::string(4096, 'x'));
        QCOMPARE(m_policy->maxFileBytes(), uint64_t(64) << 20);
        std::string content;
        QVERIFY(m_policy->read(m_app / "src/big.js", content).allowed());
        m_policy->setMaxFileBytes(4095);
        const FilePolicy::Decision d = m_policy->read(m_app / "src/big.js", content);
        QCOMPARE(d.verdict, Verdict::Forbidden);
        QVERIFY(d.reason.find("limit") != std::string::npos);
        QVERIFY(content.empty());
        m_policy->setMaxFileBytes(4096);
        QVERIFY(m_policy->read(m_app / "src/big.js", content).allowed());
        m_policy->setMaxFileBytes(uint64_t(64) << 20);
    }

    void packageLinkedLaterIsAllowed()
    {
        writeFile(m_outside / "packages/late/index.js", "export {};\n");
        writeFile(m_outside / "packages/late/package.json", R"({"name":"late"})");
        QCOMPARE(check(m_outside / "packages/late/index.js").verdict, Verdict::Forbidden);
        // An install links a new package: the roots are scanned again.
        fs::create_directory_symlink(m_outside / "packages/late", m_outside / "nm/late");
        QVERIFY(check(m_outside / "packages/late/index.js").allowed());
    }

    void linksThatAreNotPackagesAreNotRoots()
    {
        // A symlinked package is a root of its own, but only a package is one: a link in
        // node_modules to "/", to a folder holding the app (a home folder) or to a folder
        // that is no package made every file below it readable through /@fs/.
        const fs::path base = m_base / "links";
        const fs::path app = base / "home/app";
        writeFile(app / "src/app.ts", "export {};\n");
        writeFile(base / "home/package.json", R"({"name":"home"})"); // npm i in a home folder
        writeFile(base / "home/.ssh/id_rsa", "SECRET_SSH_KEY");
        writeFile(base / "notapackage/credentials", "SECRET_CREDENTIALS");
        writeFile(base / "pkg/package.json", R"({"name":"pkg"})");
        writeFile(base / "pkg/index.js", "export {};\n");
        writeFile(app / "node_modules/real/package.json", R"({"name":"real"})");
        writeFile(app / "node_modules/real/index.js", "export {};\n");
        fs::create_directories(app / "node_modules/@evil");
        fs::create_directory_symlink("/", app / "node_modules/rootlink");
        fs::create_directory_symlink(base / "home", app / "node_modules/homelink");
        fs::create_directory_symlink(base / "notapackage", app / "node_modules/outlink");
        fs::create_directory_symlink(base / "notapackage", app / "node_modules/@evil/pkg");
        fs::create_directory_symlink(base / "pkg", app / "node_modules/pkg");
        fs::create_directory_symlink(app, app / "node_modules/self");
        // A linked scope folder: its packages count, what is no package does not.
        writeFile(base / "scope/ok/package.json", R"({"name":"@linked/ok"})");
        writeFile(base / "scope/ok/index.js", "export {};\n");
        writeFile(base / "scope/loose/notes.txt", "SECRET_NOTES");
        fs::create_directory_symlink(base / "scope", app / "node_modules/@linked");
        // A file of a real package that links out of it.
        fs::create_symlink(base / "notapackage/credentials", app / "node_modules/real/leak.js");
        sy::FilePolicyConfig config;
        config.appRoot = app;
        const FilePolicy policy(config);
        for (const fs::path &p :
             {fs::path("/etc/passwd"), app / "node_modules/rootlink/etc/passwd",
              base / "home/.ssh/id_rsa", app / "node_modules/homelink/.ssh/id_rsa",
              base / "notapackage/credentials", app / "node_modules/outlink/credentials",
              app / "node_modules/@evil/pkg/credentials", app / "node_modules/real/leak.js",
              app / "node_modules/@linked/loose/notes.txt"}) {
            const FilePolicy::Decision d = policy.check(p);
            QVERIFY2(d.verdict == Verdict::Forbidden, (p.string() + ": " + d.reason).c_str());
            std::string content;
            QCOMPARE(policy.read(p, content).verdict, Verdict::Forbidden);
            QVERIFY(content.empty());
        }
        for (const fs::path &p :
             {app / "src/app.ts", app / "node_modules/real/index.js",
              app / "node_modules/pkg/index.js", base / "pkg/index.js",
              app / "node_modules/self/src/app.ts", app / "node_modules/@linked/ok/index.js"}) {
            const FilePolicy::Decision d = policy.check(p);
            QVERIFY2(d.allowed(), (p.string() + ": " + d.reason).c_str());
        }
        const auto roots = policy.allowedRoots();
        for (const fs::path &notRoot : {fs::path("/"), base / "home", base / "notapackage"})
            QVERIFY2(std::find(roots.begin(), roots.end(), notRoot) == roots.end(),
                     notRoot.c_str());
    }

    void outsidePathsDoNotRescanAQuietNodeModules()
    {
        // A path outside every root scanned node_modules again on each request: with a few
        // thousand linked packages, a flood of /@fs/etc/passwd took ~340 ms per request under
        // the policy's lock, stalling every module request. A quiet node_modules is not scanned
        // again; a package linked later is still found (its link changes node_modules' mtime).
        const fs::path base = m_base / "quiet";
        const fs::path app = base / "app";
        writeFile(app / "src/app.ts", "export {};\n");
        writeFile(base / "packages/a/package.json", R"({"name":"a"})");
        writeFile(base / "packages/b/package.json", R"({"name":"b"})");
        writeFile(base / "packages/b/index.js", "export {};\n");
        fs::create_directories(app / "node_modules/@scope");
        fs::create_directory_symlink(base / "packages/a", app / "node_modules/a");
        const auto hourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
        fs::last_write_time(app / "node_modules", hourAgo);
        fs::last_write_time(app / "node_modules/@scope", hourAgo);
        sy::FilePolicyConfig config;
        config.appRoot = app;
        const FilePolicy policy(config);
        QVERIFY(policy.check(app / "src/app.ts").allowed());
        QCOMPARE(policy.rootScans(), uint64_t(1));
        for (int i = 0; i < 50; ++i)
            QCOMPARE(policy.check("/etc/passwd").verdict, Verdict::Forbidden);
        QCOMPARE(policy.rootScans(), uint64_t(1));
        fs::create_directory_symlink(base / "packages/b", app / "node_modules/@scope/b");
        QVERIFY(policy.check(base / "packages/b/index.js").allowed());
        QCOMPARE(policy.rootScans(), uint64_t(2));
    }

    void staticFilesGoThroughThePolicy()
    {
        writeFile(m_app / "public/robots.txt", "User-agent: *\n");
        writeFile(m_app / "public/.env", "SECRET_PUBLIC_ENV");
        fs::create_symlink(m_app / "src/app.ts", m_app / "public/app.ts");
        fs::create_symlink(m_app / ".dev.vars", m_app / "public/vars.txt");
        QCOMPARE(::mkfifo((m_app / "public/pipe").c_str(), 0600), 0);
        auto shared = std::make_shared<FilePolicy>([&] {
            sy::FilePolicyConfig config;
            config.appRoot = m_app;
            return config;
        }());
        const sy::StaticFiles files({m_app / "public"}, shared);
        using S = sy::StaticFiles::Status;
        QCOMPARE(files.resolve("/robots.txt").status, S::Found);
        QCOMPARE(files.resolve("/.env").status, S::Forbidden);
        QCOMPARE(files.resolve("/%2eenv").status, S::Forbidden);
        QCOMPARE(files.resolve("/vars.txt").status, S::Forbidden);
        QCOMPARE(files.resolve("/pipe").status, S::Forbidden);
        // Allowed by the policy, but outside public/: not a public file.
        QCOMPARE(files.resolve("/app.ts").status, S::Forbidden);
        QCOMPARE(files.resolve("/../.env").status, S::BadRequest);
        QCOMPARE(files.resolve("/.env%00.txt").status, S::BadRequest);
        QVERIFY(!files.resolve("/.env").reason.empty());
        QCOMPARE(files.resolve("/missing.txt").status, S::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestFilePolicy)
#include "tst_file_policy.moc"
