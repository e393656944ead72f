// The snapshot host of test isolates (engine/testing/snapshotHost.h,
// snapshotFiles.h): Vitest's paths, and that snapshot files are only read and
// written inside the app: no path outside it, no symlink or hard link out of
// it, no secrets, no node_modules or .switchyard, through the FilePolicy.
#include "server/filePolicy.h"
#include "testing/snapshotHost.h"
#include "testing/snapshotSummary.h"
#include "testing/testEvents.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace sy;
namespace fs = std::filesystem;

class TstSnapshotHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_base; ///< holds app/ and outside/
    fs::path m_app;
    fs::path m_outside;

    static void write(const fs::path &p, const std::string &text)
    {
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
    static std::string slurp(const fs::path &p)
    {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    SnapshotFiles files() const { return SnapshotFiles(m_app, nullptr); }

private slots:
    void init()
    {
        m_base = fs::path(m_tmp.path().toStdString()) / QTest::currentTestFunction();
        fs::remove_all(m_base);
        m_app = m_base / "app";
        m_outside = m_base / "outside";
        fs::create_directories(m_app / "src");
        fs::create_directories(m_outside);
        write(m_app / "wrangler.jsonc", "{}");
        write(m_outside / "secret.txt", "outside");
    }

    void vitestPaths()
    {
        QCOMPARE(SnapshotFiles::snapshotPathFor("/app/src/a.test.ts"),
                 std::string("/app/src/__snapshots__/a.test.ts.snap"));
        QCOMPARE(SnapshotFiles::resolveRawPath("/app/src/a.test.ts", "./out/x.html"),
                 std::string("/app/src/out/x.html"));
        QCOMPARE(SnapshotFiles::resolveRawPath("/app/src/a.test.ts", "../x.txt"),
                 std::string("/app/x.txt"));
        QCOMPARE(SnapshotFiles::resolveRawPath("/app/src/a.test.ts", "/abs/y.txt"),
                 std::string("/abs/y.txt"));
    }

    void writesReadsAndRemovesInsideTheApp()
    {
        const SnapshotFiles f = files();
        std::string error;
        const std::string snap = (m_app / "src/__snapshots__/a.test.ts.snap").string();
        std::optional<std::string> content;
        QVERIFY2(f.read(snap, content, error), error.c_str());
        QVERIFY(!content); // missing: null, as Vitest's readSnapshotFile
        QVERIFY2(f.write(snap, "// Vitest Snapshot v1\n\nexports[`a 1`] = `1`;\n", error),
                 error.c_str());
        QCOMPARE(slurp(snap), std::string("// Vitest Snapshot v1\n\nexports[`a 1`] = `1`;\n"));
        QVERIFY2(f.write(snap, "short", error), error.c_str()); // replaced, not appended
        QCOMPARE(slurp(snap), std::string("short"));
        QVERIFY2(f.read(snap, content, error), error.c_str());
        QVERIFY(content && *content == "short");
        QVERIFY2(f.makeDirectories((m_app / "a/b/c").string(), error), error.c_str());
        QVERIFY(fs::is_directory(m_app / "a/b/c"));
        QVERIFY2(f.remove(snap, error), error.c_str());
        QVERIFY(!fs::exists(snap));
        QVERIFY2(f.remove(snap, error), error.c_str()); // missing: no error
        QVERIFY2(f.remove((m_app / "nowhere/x.snap").string(), error), error.c_str());
    }

    void refusesPathsOutsideTheApp()
    {
        const SnapshotFiles f = files();
        std::string error;
        std::optional<std::string> content;
        const std::string outside = (m_outside / "secret.txt").string();
        QVERIFY(!f.read(outside, content, error));
        QVERIFY2(error.find("outside the app") != std::string::npos, error.c_str());
        QVERIFY(!f.write((m_outside / "new.snap").string(), "x", error));
        QVERIFY(!fs::exists(m_outside / "new.snap"));
        // ".." climbing out of the app, relative paths, the app folder itself.
        const std::string climbing = (m_app / "src/../../outside/secret.txt").string();
        QVERIFY(!f.read(climbing, content, error));
        QVERIFY(!f.write(climbing, "x", error));
        QCOMPARE(slurp(outside), std::string("outside"));
        QVERIFY(!f.write("src/x.snap", "x", error));
        QVERIFY2(error.find("absolute") != std::string::npos, error.c_str());
        QVERIFY(!f.remove(outside, error));
        QVERIFY(fs::exists(outside));
        QVERIFY(!f.makeDirectories((m_outside / "made").string(), error));
        QVERIFY(!fs::exists(m_outside / "made"));
        QVERIFY(!f.write(m_app.string(), "x", error));
        // A sibling whose name starts like the app's is outside too.
        fs::create_directories(m_base / "app2");
        QVERIFY(!f.write((m_base / "app2/x.snap").string(), "x", error));
        QVERIFY(!fs::exists(m_base / "app2/x.snap"));
    }

    void neverFollowsSymlinksOut()
    {
        const SnapshotFiles f = files();
        std::string error;
        std::optional<std::string> content;
        // A symlinked folder inside the app pointing outside.
        fs::create_directory_symlink(m_outside, m_app / "src/__snapshots__");
        QVERIFY(!f.write((m_app / "src/__snapshots__/a.test.ts.snap").string(), "x", error));
        QVERIFY2(error.find("symbolic link") != std::string::npos, error.c_str());
        QVERIFY(!fs::exists(m_outside / "a.test.ts.snap"));
        QVERIFY(!f.read((m_app / "src/__snapshots__/secret.txt").string(), content, error));
        QVERIFY(!content);
        QVERIFY(!f.remove((m_app / "src/__snapshots__/secret.txt").string(), error));
        QVERIFY(fs::exists(m_outside / "secret.txt"));
        QVERIFY(!f.makeDirectories((m_app / "src/__snapshots__/deeper").string(), error));
        QVERIFY(!fs::exists(m_outside / "deeper"));
        // A symlinked file inside the app pointing outside.
        fs::create_symlink(m_outside / "secret.txt", m_app / "src/link.txt");
        QVERIFY(!f.write((m_app / "src/link.txt").string(), "overwritten", error));
        QVERIFY2(error.find("symbolic link") != std::string::npos, error.c_str());
        QCOMPARE(slurp(m_outside / "secret.txt"), std::string("outside"));
        QVERIFY(!f.read((m_app / "src/link.txt").string(), content, error));
        QVERIFY(!content);
        QVERIFY(!f.remove((m_app / "src/link.txt").string(), error));
        QVERIFY(fs::is_symlink(m_app / "src/link.txt"));
    }

    void neverWritesThroughAHardLink()
    {
        const SnapshotFiles f = files();
        std::string error;
        fs::create_hard_link(m_outside / "secret.txt", m_app / "src/hard.txt");
        QVERIFY(!f.write((m_app / "src/hard.txt").string(), "overwritten", error));
        QVERIFY2(error.find("hard link") != std::string::npos, error.c_str());
        QCOMPARE(slurp(m_outside / "secret.txt"), std::string("outside"));
    }

    void refusesSecretsAndEngineFolders()
    {
        const SnapshotFiles f = files();
        std::string error;
        std::optional<std::string> content;
        write(m_app / ".env", "TOKEN=1");
        write(m_app / ".dev.vars", "TOKEN=1");
        QVERIFY(!f.read((m_app / ".env").string(), content, error));
        QVERIFY(!content);
        QVERIFY(!f.write((m_app / ".env").string(), "x", error));
        QCOMPARE(slurp(m_app / ".env"), std::string("TOKEN=1"));
        QVERIFY(!f.write((m_app / ".dev.vars").string(), "x", error));
        QVERIFY(!f.write((m_app / "wrangler.jsonc").string(), "x", error));
        QCOMPARE(slurp(m_app / "wrangler.jsonc"), std::string("{}"));
        QVERIFY(!f.write((m_app / ".git/config").string(), "x", error));
        QVERIFY(!fs::exists(m_app / ".git"));
        QVERIFY(!f.write((m_app / "node_modules/pkg/index.js").string(), "x", error));
        QVERIFY(!fs::exists(m_app / "node_modules/pkg/index.js"));
        QVERIFY(!f.write((m_app / ".switchyard/storage/x").string(), "x", error));
        QVERIFY(!f.remove((m_app / ".env").string(), error));
        QVERIFY(fs::exists(m_app / ".env"));
    }

    void refusesSpecialFilesAndFolders()
    {
        const SnapshotFiles f = files();
        std::string error;
        std::optional<std::string> content;
        QVERIFY(::mkfifo((m_app / "src/fifo.snap").c_str(), 0600) == 0);
        QVERIFY(!f.write((m_app / "src/fifo.snap").string(), "x", error));
        QVERIFY(!f.read((m_app / "src/fifo.snap").string(), content, error));
        QVERIFY(!f.read((m_app / "src").string(), content, error));
        QVERIFY2(error.find("folder") != std::string::npos, error.c_str());
        // A file where a folder is needed.
        write(m_app / "file", "x");
        QVERIFY(!f.write((m_app / "file/x.snap").string(), "x", error));
    }

    void theHostAnswersTheEnvironmentsOps()
    {
        auto filesPtr = std::make_shared<const SnapshotFiles>(m_app, nullptr);
        SnapshotHost host(
            filesPtr, [](const std::string &id) { return id == "/t.ts" ? "{\"version\":3}" : ""; },
            nullptr);
        const auto call = [&](const char *op, const nlohmann::json &args,
                              const std::string &bytes = {}) {
            return host.call(SnapshotHost::kBinding, op, args.dump(),
                             {reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()});
        };
        QCOMPARE(call("header", {}).json,
                 std::string("\"// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\""));
        QCOMPARE(call("version", {}).json, std::string("\"1\""));
        const std::string test = (m_app / "src/a.test.ts").string();
        const std::string snap = (m_app / "src/__snapshots__/a.test.ts.snap").string();
        QCOMPARE(nlohmann::json::parse(call("resolvePath", {{"testPath", test}}).json)
                     .get<std::string>(),
                 snap);
        QCOMPARE(call("read", {{"path", snap}}).json, std::string("null"));
        QVERIFY(call("save", {{"path", snap}}, "héllo\n").ok());
        const BindingResult read = call("read", {{"path", snap}});
        QCOMPARE(read.json, std::string("true"));
        QCOMPARE(std::string(read.bytes.begin(), read.bytes.end()), std::string("héllo\n"));
        const BindingResult refused = call("save", {{"path", (m_outside / "x").string()}}, "x");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message.find("outside the app") != std::string::npos,
                 refused.message.c_str());
        QCOMPARE(call("sourceMap", {{"file", "/t.ts"}}).json,
                 std::string("\"{\\\"version\\\":3}\""));
        QCOMPARE(call("sourceMap", {{"file", "/u.ts"}}).json, std::string("null"));
        QVERIFY(call("remove", {{"path", snap}}).ok());
        QVERIFY(!fs::exists(snap));
        QVERIFY(!call("nope", {}).ok());
        // Other bindings go to the wrapped host; without one they fail.
        QVERIFY(!host.call("KV", "get", "{}", {}).ok());
    }

    void summaryAsVitestPrintsIt()
    {
        SnapshotSummary s;
        SnapshotFileResult a;
        a.present = true;
        a.filepath = "/app/src/a.test.ts";
        a.added = 2;
        a.unchecked = 1;
        a.uncheckedKeys = {"old test 1"};
        s.add(a);
        const std::vector<std::string> lines = renderSnapshotSummary("/app", s, false);
        QCOMPARE(lines.size(), size_t(4));
        QCOMPARE(lines[0], std::string("2 written"));
        QCOMPARE(lines[1], std::string("1 obsolete"));
        QCOMPARE(lines[2], std::string("↳ src/a.test.ts"));
        QCOMPARE(lines[3], std::string("  · old test 1"));
        const nlohmann::json json = snapshotSummaryToJson(s);
        QCOMPARE(json["added"].get<int>(), 2);
        QCOMPARE(json["filesAdded"].get<int>(), 1);
        QCOMPARE(json["total"].get<int>(), 2);
        QCOMPARE(json["uncheckedKeysByFile"][0]["filePath"].get<std::string>(),
                 std::string("/app/src/a.test.ts"));
        s.didUpdate = true;
        QCOMPARE(renderSnapshotSummary("/app", s, false)[1], std::string("1 removed"));
        QVERIFY(renderSnapshotSummary({}, SnapshotSummary{}, false).empty());
    }

    void theSnapshotSummaryEventReachesTheFileResult()
    {
        TestFileResult result;
        TestEventApplier applier(result);
        applier.apply(
            nlohmann::json::parse(R"({"type":"snapshot-summary","filepath":"/app/a.test.ts",
            "added":1,"matched":2,"unmatched":3,"updated":4,"unchecked":1,
            "uncheckedKeys":["gone 1"],"fileDeleted":false})"),
            0);
        QVERIFY(result.snapshot.present);
        QCOMPARE(result.snapshot.added, 1);
        QCOMPARE(result.snapshot.unmatched, 3);
        QCOMPARE(result.snapshot.updated, 4);
        QCOMPARE(result.snapshot.uncheckedKeys, std::vector<std::string>{"gone 1"});
        applier.apply(nlohmann::json::parse(R"({"type":"file-error","phase":"snapshot",
            "error":{"name":"Error","message":"Obsolete snapshots found"}})"),
                      1);
        QCOMPARE(result.fileErrors.size(), size_t(1));
        QCOMPARE(result.fileErrors[0].phase, std::string("snapshot"));
    }

    void updateModeAsVitestDerivesIt()
    {
        QCOMPARE(snapshotUpdateMode("", nullptr, nullptr), std::string("new"));
        QCOMPARE(snapshotUpdateMode("all", nullptr, "true"), std::string("all"));
        QCOMPARE(snapshotUpdateMode("", nullptr, "1"), std::string("none"));
        QCOMPARE(snapshotUpdateMode("", nullptr, "false"), std::string("new"));
        QCOMPARE(snapshotUpdateMode("", "new", "true"), std::string("new"));
        QCOMPARE(snapshotUpdateMode("", "1", nullptr), std::string("all"));
    }
};

QTEST_GUILESS_MAIN(TstSnapshotHost)
#include "tst_snapshot_host.moc"
