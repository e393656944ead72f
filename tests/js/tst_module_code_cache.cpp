// ModuleCodeCache's disk tier (engine/js/moduleCodeCache.h): bytecode a worker
// isolate produced is found by a later "process" (the in-memory tier cleared),
// damaged or foreign files are never trusted, and the folder stays bounded.
#include "core/hash.h"
#include "js/embeddedScripts.h"
#include "js/moduleCodeCache.h"
#include "js/workerIsolate.h"
#include "recordingWriter.h"
#include "storage/isolateStorage.h"

#include <QtTest/QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace sy;
using namespace sy::test;
namespace fs = std::filesystem;

namespace {

const char *kEntry = "const answer = [1, 2, 3].map((n) => n * 2).join(',');\n"
                     "export default { fetch() { return new Response('answer ' + answer); } };\n";

std::string answerFrom(MapProvider &provider, const std::string &entryId)
{
    WorkerOptions o;
    o.entryId = entryId;
    WorkerIsolate worker(provider, o);
    worker.start();
    auto out = dispatchGet(worker, "/");
    const bool done = out->wait();
    worker.stop();
    return done && out->ended ? out->body() : "failed: " + out->failMessage;
}

/// GET / in `realm` of `host`; then the realm goes, once its drop has run (a job queued after
/// it has). The body, or "failed: <why>".
std::string requestThenDropRealm(WorkerIsolate &host, int realm)
{
    auto out = std::make_shared<RecordingWriter>();
    HttpRequest r;
    r.target = "/";
    host.dispatchFetch(realm, r, "http://127.0.0.1/", out);
    out->wait(60000);
    host.destroyRealm(realm);
    (void)host.heapUsedBytes(); // a job queued after the drop: it has run
    return out->ended ? out->body() : "failed: " + out->failMessage;
}

std::vector<fs::path> cacheFiles(const std::string &dir)
{
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".bin")
            files.push_back(entry.path());
    return files;
}

std::string readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path &file, const std::string &bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// The file name the cache gives `key` (moduleCodeCache.cpp: 40 hex of SHA-256).
fs::path fileOf(const std::string &versionDir, const std::string &key)
{
    return fs::path(versionDir) / (sha256Hex(key).substr(0, 40) + ".bin");
}

/// A cache file as moduleCodeCache.cpp writes it, for `key`, holding `payload`.
std::string fileBytes(const std::string &key, const std::string &payload)
{
    const uint32_t n = static_cast<uint32_t>(key.size());
    std::string out("SYV8CC1\0", 8);
    out += char(n & 0xff);
    out += char((n >> 8) & 0xff);
    out += char((n >> 16) & 0xff);
    out += char((n >> 24) & 0xff);
    return out + key + payload;
}

} // namespace

class TstModuleCodeCache : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    ModuleCodeCache &cache = ModuleCodeCache::instance();

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        cache.clear();
        QVERIFY(cache.enableDisk(m_dir.path().toStdString()));
    }

    void cleanup()
    {
        cache.disableDisk();
        cache.clear();
        fs::remove_all(m_dir.path().toStdString());
    }

    // The binding classes are compiled in every realm from an embedded source: the KV class's
    // run code cache comes from the realm whose tests used it (the main realm's copy never ran
    // a method), and holds those methods. First of the slots: an embedded function stores each
    // of its caches once per process, and every realm compiles the KV class.
    void bindingClassesGetARunCodeCacheFromTheRealmThatUsedThem()
    {
        const std::vector<BindingDescriptor> bindings{{"KV", BindingKind::Kv, "kv-id", {}}};
        std::string error;
        std::shared_ptr<IsolateStorage> storage = IsolateStorage::createInMemory(bindings, &error);
        QVERIFY2(storage, error.c_str());
        MapProvider provider;
        provider.set("/kv/entry.js",
                     "export default { async fetch(request, env) {\n"
                     "  await env.KV.put('k', 'v');\n"
                     "  const { keys } = await env.KV.list();\n"
                     "  return new Response(String(await env.KV.get('k')) + keys.length);\n"
                     "} };\n");
        WorkerOptions o;
        o.entryId = "/kv/entry.js";
        o.bindings = bindings;
        o.bindingHost = storage;
        WorkerIsolate host(provider, o);
        host.start();
        RealmOptions realmOptions;
        realmOptions.bindings = bindings;
        realmOptions.bindingHost = storage;
        const int realm = host.createRealm(realmOptions, &error);
        QVERIFY2(realm > 0, error.c_str());
        const std::string key =
            ModuleCodeCache::keyForEmbedded("switchyard:binding-kv", embedded::kKvNamespaceJs);
        const std::string runKey = ModuleCodeCache::runKeyFor(key);
        QVERIFY(!cache.contains(runKey));
        QCOMPARE(requestThenDropRealm(host, realm), std::string("v1"));
        host.stop();
        const auto evaluation = cache.find(key);
        const auto run = cache.find(runKey);
        QVERIFY2(evaluation, "no code cache made after the class was built");
        QVERIFY2(run, "no run code cache made when the realm went");
        // Larger: it holds the methods' bytecode. (V8 --log-function-events showed the run
        // cache taken from the realm's copy, not the main realm's: 9 KV and 14 D1 functions a
        // realm no longer compiled lazily; this size check alone does not tell the copies apart.)
        QVERIFY2(run->size() > evaluation->size(),
                 qPrintable(QStringLiteral("%1 <= %2").arg(run->size()).arg(evaluation->size())));
    }

    void theWholeIdIsPartOfTheKey()
    {
        // V8 names a script made from cached data as it was named when the data was
        // made (import()'s referrer, stack frames): a pre-bundle under another ?v=
        // is another entry, though its code is the same.
        const std::string hash = "0123abcd:42";
        QVERIFY(ModuleCodeCache::keyFor("/app/.switchyard/deps_worker/react.js?v=1a2b3c4d", hash) !=
                ModuleCodeCache::keyFor("/app/.switchyard/deps_worker/react.js?v=99887766", hash));
        QVERIFY(ModuleCodeCache::keyFor("/app/x.js", hash) !=
                ModuleCodeCache::keyFor("/app/x.js", "ffff0000:42"));
        QVERIFY(ModuleCodeCache::keyFor("/app/x.js?v=1", "").empty());
    }

    void aLaterProcessConsumesTheFilesBytecode()
    {
        MapProvider provider;
        provider.set("/disk/entry.js", kEntry);
        QCOMPARE(answerFrom(provider, "/disk/entry.js"), std::string("answer 2,4,6"));
        const std::string dir = cache.diskDirectory();
        QVERIFY(!cache.diskDirectory().empty());
        QVERIFY(cache.stats().diskWrites >= 1);
        const auto key =
            ModuleCodeCache::keyFor("/disk/entry.js", provider.hash("/disk/entry.js") + ':' +
                                                          std::to_string(std::strlen(kEntry)));
        QVERIFY(fs::exists(fileOf(dir, key)));
        // Only the owner reads what V8 trusts as bytecode.
        QCOMPARE(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all);

        cache.clear(); // a new process: nothing in memory
        QCOMPARE(answerFrom(provider, "/disk/entry.js"), std::string("answer 2,4,6"));
        QVERIFY(cache.stats().diskHits >= 1);
        QCOMPARE(cache.stats().rejected, uint64_t(0));
    }

    // A test realm's modules get a second, "run" code cache when the realm goes: made after
    // its requests ran, it holds the functions they compiled lazily, which the cache made at
    // evaluation lacks. A later compile takes it first and makes no other.
    void aRealmLeavesARunCodeCacheWithWhatItsRequestsCompiled()
    {
        MapProvider provider;
        // `render` is compiled lazily, on the first request, after the module evaluated.
        const std::string entry =
            "function render(n) {\n  let out = '';\n  for (let i = 0; i < n; i++) {\n"
            "    out += String.fromCharCode(97 + (i % 26));\n  }\n  return out.length;\n}\n"
            "export default { fetch() { return new Response('rendered ' + render(40)); } };\n";
        provider.set("/run/entry.js", entry);
        const auto key = ModuleCodeCache::keyFor(
            "/run/entry.js", provider.hash("/run/entry.js") + ':' + std::to_string(entry.size()));
        const std::string runKey = ModuleCodeCache::runKeyFor(key);
        auto requestInRealm = [&] {
            WorkerOptions o;
            o.entryId = "/run/entry.js";
            WorkerIsolate host(provider, o);
            host.start();
            std::string error;
            const int realm = host.createRealm({}, &error);
            if (realm <= 0)
                return "no realm: " + error;
            const std::string body = requestThenDropRealm(host, realm);
            host.stop();
            return body;
        };

        QCOMPARE(requestInRealm(), std::string("rendered 40"));
        const auto evaluation = cache.find(key);
        const auto run = cache.find(runKey);
        QVERIFY2(evaluation, "no evaluation cache");
        QVERIFY2(run, "no run cache");
        // The run cache holds render's bytecode too.
        QVERIFY2(run->size() > evaluation->size(),
                 qPrintable(QStringLiteral("%1 <= %2").arg(run->size()).arg(evaluation->size())));
        QVERIFY(fs::exists(fileOf(cache.diskDirectory(), runKey)));

        // A new process compiles from the run cache, and writes no other.
        cache.clear();
        const uint64_t writesBefore = cache.stats().diskWrites;
        QCOMPARE(requestInRealm(), std::string("rendered 40"));
        QCOMPARE(cache.stats().rejected, uint64_t(0));
        QVERIFY(cache.stats().diskHits >= 1);
        QCOMPARE(cache.stats().diskWrites, writesBefore);
    }

    void damagedBytesAreRejectedAndReplaced()
    {
        MapProvider provider;
        provider.set("/damaged/entry.js", kEntry);
        QCOMPARE(answerFrom(provider, "/damaged/entry.js"), std::string("answer 2,4,6"));
        const auto key =
            ModuleCodeCache::keyFor("/damaged/entry.js", provider.hash("/damaged/entry.js") + ':' +
                                                             std::to_string(std::strlen(kEntry)));
        const fs::path file = fileOf(cache.diskDirectory(), key);
        QVERIFY(fs::exists(file));
        const std::string garbage = fileBytes(key, std::string(600, '\x5a'));
        writeAll(file, garbage);

        cache.clear();
        // V8 refuses the bytes (checksum, source hash): the module compiles from
        // source, the bad file goes and a good one takes its place.
        QCOMPARE(answerFrom(provider, "/damaged/entry.js"), std::string("answer 2,4,6"));
        QVERIFY(cache.stats().rejected >= 1);
        QVERIFY(fs::exists(file));
        QVERIFY(readAll(file) != garbage);
    }

    void aFileOfAnotherKeyIsNotTrusted()
    {
        const std::string dir = cache.diskDirectory();
        const std::string key = ModuleCodeCache::keyFor("/a.js", "h1:10");
        writeAll(fileOf(dir, key), fileBytes(ModuleCodeCache::keyFor("/b.js", "h1:10"), "bytes"));
        QVERIFY(cache.find(key) == nullptr);
        writeAll(fileOf(dir, key), "not a cache file at all");
        QVERIFY(cache.find(key) == nullptr);
        writeAll(fileOf(dir, key), fileBytes(key, "bytes"));
        auto found = cache.find(key);
        QVERIFY(found != nullptr);
        QCOMPARE(std::string(found->begin(), found->end()), std::string("bytes"));
    }

    void rejectRemovesTheFile()
    {
        const std::string key = ModuleCodeCache::keyFor("/rejected.js", "h1:3");
        cache.store(key, {1, 2, 3});
        const fs::path file = fileOf(cache.diskDirectory(), key);
        QVERIFY(fs::exists(file));
        QVERIFY(cache.contains(key));
        cache.reject(key);
        QVERIFY(!fs::exists(file));
        QVERIFY(!cache.contains(key));
    }

    void theFolderStaysBounded()
    {
        // Past the bound at start, the least recently written files go first,
        // down to 3/4 of it.
        cache.disableDisk();
        const std::string root = m_dir.path().toStdString();
        QVERIFY(cache.enableDisk(root, 4000));
        const std::string dir = cache.diskDirectory();
        const auto now = fs::file_time_type::clock::now();
        for (int i = 0; i < 5; ++i) {
            const fs::path file = fs::path(dir) / ("old" + std::to_string(i) + ".bin");
            writeAll(file, std::string(1000, 'x'));
            fs::last_write_time(file, now - std::chrono::hours(10 - i));
        }
        cache.disableDisk();
        // The size the last scan recorded is trusted for an hour: no entry is stat()ed...
        QVERIFY(fs::exists(fs::path(dir) / "folder-size"));
        QVERIFY(cache.enableDisk(root, 4000));
        QCOMPARE(cacheFiles(dir).size(), size_t(5));
        cache.disableDisk();
        // ...after that the start scans and trims.
        fs::last_write_time(fs::path(dir) / "folder-size", now - std::chrono::minutes(61));
        QVERIFY(cache.enableDisk(root, 4000));
        QCOMPARE(cacheFiles(dir).size(), size_t(3));
        QVERIFY(!fs::exists(fs::path(dir) / "old0.bin"));
        QVERIFY(!fs::exists(fs::path(dir) / "old1.bin"));
        QVERIFY(fs::exists(fs::path(dir) / "old4.bin"));
        // A store that would pass the bound stays in memory only.
        const std::string key = ModuleCodeCache::keyFor("/big.js", "h1:9");
        cache.store(key, ModuleCodeCache::Bytes(2000, 7));
        QVERIFY(!fs::exists(fileOf(dir, key)));
        QVERIFY(cache.find(key) != nullptr);
        // It also tells the next start to scan: files other processes wrote are counted there.
        QVERIFY(!fs::exists(fs::path(dir) / "folder-size"));
        for (int i = 0; i < 3; ++i)
            writeAll(fs::path(dir) / ("other" + std::to_string(i) + ".bin"), std::string(900, 'y'));
        cache.disableDisk();
        QVERIFY(cache.enableDisk(root, 4000));
        QCOMPARE(cacheFiles(dir).size(), size_t(3));
        QVERIFY(fs::exists(fs::path(dir) / "folder-size"));
    }

    void theFolderFollowsTheEnvironment()
    {
        const QByteArray home = qgetenv("HOME");
        qputenv("HOME", "/home/someone");
        qunsetenv("XDG_CACHE_HOME");
        qunsetenv("SWITCHYARD_CODE_CACHE_DIR");
        qunsetenv("SWITCHYARD_CODE_CACHE");
        QCOMPARE(ModuleCodeCache::defaultDiskDirectory(),
                 std::string("/home/someone/.cache/switchyard/v8-code-cache"));
        qputenv("XDG_CACHE_HOME", "/xdg/cache");
        QCOMPARE(ModuleCodeCache::defaultDiskDirectory(),
                 std::string("/xdg/cache/switchyard/v8-code-cache"));
        qputenv("SWITCHYARD_CODE_CACHE_DIR", "/elsewhere");
        QCOMPARE(ModuleCodeCache::defaultDiskDirectory(), std::string("/elsewhere"));
        qputenv("SWITCHYARD_CODE_CACHE", "0");
        QCOMPARE(ModuleCodeCache::defaultDiskDirectory(), std::string());
        qunsetenv("SWITCHYARD_CODE_CACHE");
        qunsetenv("SWITCHYARD_CODE_CACHE_DIR");
        qunsetenv("XDG_CACHE_HOME");
        qputenv("HOME", home);
        // A folder that cannot be made leaves the tier off.
        cache.disableDisk();
        QVERIFY(!cache.enableDisk("/proc/no-such-place/cache"));
        QVERIFY(cache.diskDirectory().empty());
    }
};

QTEST_GUILESS_MAIN(TstModuleCodeCache)
#include "tst_module_code_cache.moc"
