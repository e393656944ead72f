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

#include <fcntl.h>
#include <unistd.h>

using namespace sy;

namespace {

/// Creates and frees one Node environment (its bootstrap compiles the built-ins) and returns
/// what Node printed to stderr meanwhile.
QString environmentStderr()
{
    const QString logPath = QDir::temp().filePath(
        QStringLiteral("sy-node-builtins-%1.log").arg(QCoreApplication::applicationPid()));
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int log = ::open(logPath.toLocal8Bit().constData(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    ::dup2(log, 2);
    std::string error;
    auto setup = JsPlatform::createEnvironment(
        "switchyard",
        node::EnvironmentFlags::kDefaultFlags | node::EnvironmentFlags::kNoCreateInspector, error);
    if (setup) {
        setup.reset();
        JsPlatform::isolateDisposed(); // after it is gone, as createEnvironment asks
    }
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

    // persist() writes the process's cache to the disk tier; a new process starts with it, so
    // even its first environment compiles no bootstrap built-in from source.
    void loadedByTheNextProcess()
    {
        if (const QByteArray dir = qgetenv("SY_TEST_CHILD_CACHE_DIR"); !dir.isEmpty()) {
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

        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SY_TEST_CHILD_CACHE_DIR"), m_cacheDir.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("loadedByTheNextProcess")});
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(child.exitCode() == 0, child.readAllStandardOutput().right(3000).constData());
    }

private:
    QTemporaryDir m_cacheDir;
};

QTEST_GUILESS_MAIN(TestNodeBuiltinCodeCache)
#include "tst_node_builtin_code_cache.moc"
