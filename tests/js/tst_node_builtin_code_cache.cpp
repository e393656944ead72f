// Node's built-in modules share one code cache across the process's Node environments and
// across processes (engine/js/nodeBuiltinCodeCache.h). Node itself says whether a built-in's
// cache was used: with NODE_DEBUG_NATIVE=CODE_CACHE it prints "Code cache of <id> ... is
// accepted" to stderr for every built-in compiled from a cache, which this test reads.
#include "js/jsPlatform.h"
#include "js/moduleCodeCache.h"
#include "js/nodeBuiltinCodeCache.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <node.h>

#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace sy;

namespace {

/// Creates and frees one Node environment (its bootstrap compiles the built-ins) and returns
/// what Node printed to stderr meanwhile.
QString environmentStderr(int concurrent = 1)
{
    const QString logPath = QDir::temp().filePath(
        QStringLiteral("sy-node-builtins-%1.log").arg(QCoreApplication::applicationPid()));
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int log = ::open(logPath.toLocal8Bit().constData(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    ::dup2(log, 2);
    std::string error;
    std::mutex errorMutex;
    auto makeOne = [&] {
        std::string e;
        auto setup = JsPlatform::createEnvironment(
            "switchyard",
            node::EnvironmentFlags::kDefaultFlags | node::EnvironmentFlags::kNoCreateInspector, e);
        if (setup) {
            setup.reset();
            JsPlatform::isolateDisposed(); // after it is gone, as createEnvironment asks
        }
        std::lock_guard lock(errorMutex);
        error += e;
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < concurrent; ++i)
        threads.emplace_back(makeOne);
    makeOne();
    for (std::thread &t : threads)
        t.join();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(log);
    QFile f(logPath);
    f.open(QIODevice::ReadOnly);
    const QString text = QString::fromUtf8(f.readAll()) + QString::fromStdString(error);
    f.remove();
    return text;
}

/// Creates an environment, runs `script` in it with the built-ins it compiles remembered, then
/// makes their run caches; returns how many were made (SIZE_MAX when no environment).
size_t runCachesMadeAfter(const char *script)
{
    std::string error;
    auto setup = JsPlatform::createEnvironment(
        "switchyard",
        node::EnvironmentFlags::kDefaultFlags | node::EnvironmentFlags::kNoCreateInspector, error);
    if (!setup)
        return SIZE_MAX;
    size_t made = 0;
    {
        v8::Locker locker(setup->isolate());
        v8::Isolate::Scope isolateScope(setup->isolate());
        v8::HandleScope handles(setup->isolate());
        v8::Context::Scope contextScope(setup->context());
        nodeBuiltinCodeCache::captureCompiledBuiltins(true);
        (void)node::LoadEnvironment(setup->env(), script);
        made = nodeBuiltinCodeCache::makeRunCaches();
        nodeBuiltinCodeCache::captureCompiledBuiltins(false);
    }
    setup.reset();
    JsPlatform::isolateDisposed();
    return made;
}

int count(const QString &log, const QRegularExpression &re)
{
    int n = 0;
    for (auto it = re.globalMatch(log); it.hasNext(); it.next())
        ++n;
    return n;
}

} // namespace

class TestNodeBuiltinCodeCache : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Read by Node's per-process initialisation, which has not run yet in this process.
        qputenv("NODE_DEBUG_NATIVE", "CODE_CACHE");
        QVERIFY(m_cacheDir.isValid());
        if (qEnvironmentVariableIsSet("SY_TEST_CHILD_CACHE_DIR"))
            return; // the child process of loadedByTheNextProcess
        QVERIFY(ModuleCodeCache::instance().enableDisk(m_cacheDir.path().toStdString()));
    }

    // prepareAhead() makes the process's loader on a thread of its own, before any environment.
    void madeAheadOfTheFirstEnvironment()
    {
        if (qEnvironmentVariableIsSet("SY_TEST_CHILD_CACHE_DIR"))
            QSKIP("the child process runs loadedByTheNextProcess only");
        QVERIFY(!nodeBuiltinCodeCache::stats().active);
        nodeBuiltinCodeCache::prepareAhead();
        nodeBuiltinCodeCache::finishAhead();
        QVERIFY(nodeBuiltinCodeCache::stats().active);
        QCOMPARE(nodeBuiltinCodeCache::stats().loadedEntries, size_t(0)); // an empty disk tier
    }

    // The second environment of a process compiles its bootstrap's built-ins from the cache the
    // first one left (without the shared cache, each environment compiles every one again).
    void secondEnvironmentUsesTheFirstOnesCache()
    {
        if (qEnvironmentVariableIsSet("SY_TEST_CHILD_CACHE_DIR"))
            QSKIP("the child process runs loadedByTheNextProcess only");
        const QRegularExpression accepted(QStringLiteral("Code cache of \\S+ .*is accepted"));
        const QRegularExpression bootstrap(
            QStringLiteral("Code cache of internal/bootstrap/node .*is accepted"));
        const QString first = environmentStderr();
        QCOMPARE(count(first, bootstrap), 0); // nothing on disk yet: compiled from source
        QVERIFY(nodeBuiltinCodeCache::stats().active);
        QVERIFY2(nodeBuiltinCodeCache::stats().entries > 50,
                 qPrintable(QString::number(nodeBuiltinCodeCache::stats().entries)));

        const QString second = environmentStderr();
        QCOMPARE(count(second, bootstrap), 1);
        QVERIFY2(count(second, accepted) > 50, qPrintable(second.left(2000)));
    }

    // Environments made at once (a test run's pooled hosts, serve's tool host and worker) each
    // compile their bootstrap's built-ins from the shared cache. Node takes a built-in's data out
    // of the cache while it compiles it: without the turns taken per built-in, a second
    // environment compiling the same one then found none and compiled it from source.
    void concurrentEnvironmentsAllUseTheCache()
    {
        if (qEnvironmentVariableIsSet("SY_TEST_CHILD_CACHE_DIR"))
            QSKIP("the child process runs loadedByTheNextProcess only");
        const QString log = environmentStderr(4);
        const QRegularExpression withoutCache(
            QStringLiteral("Compiling (\\S+) without code cache"));
        QStringList compiledFromSource;
        for (auto it = withoutCache.globalMatch(log); it.hasNext();)
            compiledFromSource << it.next().captured(1);
        QVERIFY2(compiledFromSource.isEmpty(), qPrintable(compiledFromSource.join(", ")));
        QVERIFY2(count(log, QRegularExpression(QStringLiteral(
                                "Code cache of internal/bootstrap/node .*is accepted"))) == 4,
                 qPrintable(log.left(2000)));
    }

    // persist() writes the process's cache to the disk tier; a new process starts with it, so
    // even its first environment compiles no bootstrap built-in from source.
    void loadedByTheNextProcess()
    {
        if (const QByteArray dir = qgetenv("SY_TEST_CHILD_CACHE_DIR"); !dir.isEmpty()) {
            if (!qgetenv("SY_TEST_CHILD_MODE").isEmpty())
                QSKIP("the child process of staleEntryIsRewritten");
            QVERIFY(ModuleCodeCache::instance().enableDisk(dir.toStdString()));
            const QString first = environmentStderr();
            QVERIFY2(nodeBuiltinCodeCache::stats().loadedEntries > 50,
                     qPrintable(QString::number(nodeBuiltinCodeCache::stats().loadedEntries)));
            QVERIFY2(first.contains(QRegularExpression(
                         QStringLiteral("Code cache of internal/bootstrap/node .*is accepted"))),
                     qPrintable(first.left(2000)));
            return;
        }
        if (!nodeBuiltinCodeCache::stats().active)
            (void)environmentStderr();
        QVERIFY(nodeBuiltinCodeCache::persist());
        QVERIFY(nodeBuiltinCodeCache::stats().persisted);
        QVERIFY(!nodeBuiltinCodeCache::persist()); // nothing new since

        const QString failure = runInChild("loadedByTheNextProcess");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    // An entry V8 rejects (made under other flags or for another source: here its flag hash is
    // damaged) is written anew by the process that met it, so the next process accepts it
    // instead of compiling every built-in from source again.
    void staleEntryIsRewritten()
    {
        const QByteArray mode = qgetenv("SY_TEST_CHILD_MODE");
        if (const QByteArray dir = qgetenv("SY_TEST_CHILD_CACHE_DIR"); !dir.isEmpty()) {
            if (mode.isEmpty() || mode == "run-made")
                QSKIP("the child process of another slot");
            QVERIFY(ModuleCodeCache::instance().enableDisk(dir.toStdString()));
            const QString log = environmentStderr();
            const QRegularExpression bootstrap(
                QStringLiteral("Code cache of internal/bootstrap/node .*is (accepted|rejected)"));
            const QRegularExpressionMatch m = bootstrap.match(log);
            QVERIFY2(m.hasMatch(), qPrintable(log.left(2000)));
            if (mode == "stale") {
                QCOMPARE(m.captured(1), QStringLiteral("rejected"));
                QVERIFY(nodeBuiltinCodeCache::persist()); // no new built-in, but new data
            } else {
                QCOMPARE(m.captured(1), QStringLiteral("accepted"));
                QVERIFY(!nodeBuiltinCodeCache::persist());
            }
            return;
        }
        if (!nodeBuiltinCodeCache::stats().active)
            (void)environmentStderr();
        (void)nodeBuiltinCodeCache::persist();
        const std::string key = nodeBuiltinCodeCache::diskKey();
        QVERIFY(!key.empty());
        auto bytes = ModuleCodeCache::instance().readFromDisk(key);
        QVERIFY(bytes && bytes->size() > 4);
        // The entry's format (nodeBuiltinCodeCache.cpp): u32 count, then per built-in u32 id
        // length, id, u32 data length, data; then the trailer. Byte 12 of V8's code cache data is
        // its flag hash.
        std::string damaged(bytes->begin(), bytes->end());
        auto u32 = [&](size_t at) {
            uint32_t v = 0;
            std::memcpy(&v, damaged.data() + at, 4);
            return size_t(v);
        };
        size_t at = 4;
        for (size_t i = 0, n = u32(0); i < n; ++i) {
            at += 4 + u32(at);
            const size_t length = u32(at);
            at += 4;
            QVERIFY(length > 16 && at + length <= damaged.size());
            damaged[at + 12] = char(damaged[at + 12] ^ 0x5a);
            at += length;
        }
        // Then the trailer: u32 count, then per built-in whose data was made after a run, u32 id
        // length and id.
        for (size_t i = 0, n = u32(at); (at += 4, i < n); ++i)
            at += 4 + u32(at);
        QCOMPARE(at, damaged.size());
        QVERIFY(ModuleCodeCache::instance().writeToDisk(key, damaged));

        for (const char *childMode : {"stale", "rewritten"}) {
            const QString failure = runInChild("staleEntryIsRewritten", childMode);
            QVERIFY2(failure.isEmpty(),
                     qPrintable(QString::fromLatin1(childMode) + ": " + failure));
        }
    }

    // Node makes a built-in's entry right after compiling it, before it runs, so the functions
    // it first calls later (undici's, in every test host) were compiled from source in every
    // environment. makeRunCaches() makes the entries of the built-ins compiled meanwhile again
    // after they ran; persist() writes them and names them in the entry, so the next process
    // takes them and makes none.
    void builtinsGetARunCacheOnce()
    {
        const char *script = "const qs = require('querystring');\n"
                             "return qs.stringify(qs.parse('a=1&b=two&c=%20'));\n";
        if (qgetenv("SY_TEST_CHILD_MODE") == "run-made") {
            QVERIFY(ModuleCodeCache::instance().enableDisk(
                qgetenv("SY_TEST_CHILD_CACHE_DIR").toStdString()));
            QCOMPARE(runCachesMadeAfter(script), size_t(0));
            QVERIFY(!nodeBuiltinCodeCache::persist());
            return;
        }
        if (qEnvironmentVariableIsSet("SY_TEST_CHILD_CACHE_DIR"))
            QSKIP("a child process of another slot");
        const size_t made = runCachesMadeAfter(script);
        QVERIFY2(made >= 1 && made != SIZE_MAX, qPrintable(QString::number(made)));
        QVERIFY(nodeBuiltinCodeCache::persist());        // no new built-in: the run caches
        QCOMPARE(runCachesMadeAfter(script), size_t(0)); // made once per process too

        const QString failure = runInChild("builtinsGetARunCacheOnce", "run-made");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

private:
    /// Runs test function `slot` of this executable in a new process on this test's cache
    /// folder (SY_TEST_CHILD_CACHE_DIR), with SY_TEST_CHILD_MODE = `mode` when given. Empty
    /// when it passed, else the end of what it printed.
    QString runInChild(const char *slot, const char *mode = nullptr) const
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SY_TEST_CHILD_CACHE_DIR"), m_cacheDir.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        if (mode)
            env.insert(QStringLiteral("SY_TEST_CHILD_MODE"), QString::fromLatin1(mode));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(slot)});
        if (!child.waitForFinished(60000))
            return QStringLiteral("the child process did not finish in 60 s");
        if (child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0)
            return {};
        return QString::fromUtf8(child.readAllStandardOutput().right(3000) +
                                 child.readAllStandardError().right(3000));
    }

    QTemporaryDir m_cacheDir;
};

QTEST_GUILESS_MAIN(TestNodeBuiltinCodeCache)
#include "tst_node_builtin_code_cache.moc"
