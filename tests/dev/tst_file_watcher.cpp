#include "dev/fileWatcher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace sy;

namespace {
void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

/// Waits until one batch mentions `path`; returns true if it came.
bool waitForChange(QSignalSpy &spy, const QString &path, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        for (const QList<QVariant> &args : std::as_const(spy))
            if (args.at(0).toStringList().contains(path))
                return true;
        spy.wait(100);
    }
    return false;
}
/// Every path any batch so far reported, sorted and joined by ", ".
QString reported(const QSignalSpy &spy)
{
    QSet<QString> all;
    for (const QList<QVariant> &args : spy)
        for (const QString &f : args.at(0).toStringList())
            all.insert(f);
    QStringList list(all.begin(), all.end());
    list.sort();
    return list.join(QStringLiteral(", "));
}
} // namespace

class TestFileWatcher : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString root() const { return QDir(m_dir.path()).canonicalPath(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeFile(root() + "/src/app/page.tsx", "export const a = 1;\n");
        writeFile(root() + "/package.json", "{}");
        writeFile(root() + "/node_modules/dep/index.js", "module.exports = 1;\n");
        writeFile(root() + "/README.md", "not watched at the root\n");
    }

    void editIsReported()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(root() + "/src/app/page.tsx", "export const a = 2;\n");
        QVERIFY(waitForChange(spy, root() + "/src/app/page.tsx"));
    }

    void newFileInNewFolderAndRemovalAreReported()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(root() + "/src/new/thing.ts", "export {};\n");
        QVERIFY(waitForChange(spy, root() + "/src/new/thing.ts"));
        spy.clear();
        QVERIFY(QFile::remove(root() + "/src/new/thing.ts"));
        QVERIFY(waitForChange(spy, root() + "/src/new/thing.ts"));
    }

    void saveByRenameIsReported()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(root() + "/src/app/.page.tsx.tmp", "export const a = 3; // renamed over\n");
        QFile::remove(root() + "/src/app/page.tsx");
        QVERIFY(QFile::rename(root() + "/src/app/.page.tsx.tmp", root() + "/src/app/page.tsx"));
        QVERIFY(waitForChange(spy, root() + "/src/app/page.tsx"));
        // The new inode is watched: a later in-place edit is seen too.
        spy.clear();
        writeFile(root() + "/src/app/page.tsx", "export const a = 4;\n");
        QVERIFY(waitForChange(spy, root() + "/src/app/page.tsx"));
    }

    void editorTemporaryFilesAreNotReported()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        const QString dir = root() + "/src/app/";
        const QStringList temporary{".page.tsx.swp",
                                    ".page.tsx.swo",
                                    ".page.tsx.swx",
                                    "page.tsx~",
                                    "4913",
                                    "5036",
                                    ".#page.tsx",
                                    "#page.tsx#",
                                    "sedAb12Cd",
                                    "page.tsx___jb_tmp___",
                                    "page.tsx.kate-swp",
                                    ".subl1a2.tmp"};
        // Each step ends with an edit of a real file of the same folder that
        // is awaited: by then the folder's events (creations, removals) have
        // been handled too (inotify keeps their order).
        const QString real = dir + "page.tsx";
        for (const QString &name : temporary)
            writeFile(dir + name, "scratch\n");
        writeFile(real, "export const a = 10;\n");
        QVERIFY(waitForChange(spy, real));
        QCOMPARE(reported(spy), real);
        spy.clear();
        for (const QString &name : temporary)
            QVERIFY(QFile::remove(dir + name));
        writeFile(real, "export const a = 11;\n");
        QVERIFY(waitForChange(spy, real));
        QCOMPARE(reported(spy), real);
    }

    void sedInPlaceIsOneChangeOfTheRealFile()
    {
        const QString file = root() + "/src/app/page.tsx";
        writeFile(file, "export const a = 1;\n");
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        // GNU sed -i writes ./sedXXXXXX and renames it over the file.
        QProcess sed;
        sed.start(QStringLiteral("sed"),
                  {QStringLiteral("-i"), QStringLiteral("s/a = 1/a = 5/"), file});
        QVERIFY(sed.waitForFinished(10000));
        QCOMPARE(sed.exitCode(), 0);
        QVERIFY(waitForChange(spy, file));
        QCOMPARE(reported(spy), file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("export const a = 5;\n"));
        // The renamed-over file is watched again: a later in-place edit is seen.
        spy.clear();
        writeFile(file, "export const a = 6;\n");
        QVERIFY(waitForChange(spy, file));
    }

    void aWriteIsNoticedByASyncFromAnotherThreadBeforeItReturns()
    {
        // What a request does before it is admitted (DevServer::syncFileChanges):
        // a save that returned before it arrived is noticed in its own thread,
        // never left to the watcher's event loop to find later.
        const QString file = root() + "/src/app/page.tsx";
        FileWatcher watcher(root());
        QSignalSpy batches(&watcher, &FileWatcher::filesChanged);
        std::atomic<int> noticed{0};
        std::atomic<bool> noticedInSyncThread{false};
        std::thread::id syncThread;
        QObject::connect(
            &watcher, &FileWatcher::changeNoticed, &watcher,
            [&] {
                noticed.fetch_add(1);
                noticedInSyncThread = std::this_thread::get_id() == syncThread;
            },
            Qt::DirectConnection);
        for (int round = 0; round < 20; ++round) {
            const int before = noticed.load();
            writeFile(file, QByteArray("export const a = ") + QByteArray::number(round) + ";\n");
            std::thread sync([&] {
                syncThread = std::this_thread::get_id();
                watcher.syncPending();
            });
            sync.join();
            QCOMPARE(noticed.load(), before + 1);
            QVERIFY(noticedInSyncThread);
            // One notice, one batch: the next round starts a new burst.
            QVERIFY(waitForChange(batches, file));
            batches.clear();
        }
        QTest::qWait(50);
        QCOMPARE(batches.size(), 0);
        QCOMPARE(noticed.load(), 20);
    }

    void changesWithoutPauseAreBatchedAtLeastEveryMaxDelay()
    {
        // A tool that writes every 2 ms never leaves the 5 ms debounce quiet: the
        // batch still goes out (and the gate its notice closed opens again).
        const QString file = root() + "/src/app/page.tsx";
        FileWatcher watcher(root());
        QSignalSpy batches(&watcher, &FileWatcher::filesChanged);
        QElapsedTimer t;
        t.start();
        qint64 firstBatchAt = -1;
        for (int i = 0; t.elapsed() < 400; ++i) {
            writeFile(file, QByteArray("export const a = ") + QByteArray::number(i) + ";\n");
            QTest::qWait(2);
            if (firstBatchAt < 0 && !batches.isEmpty())
                firstBatchAt = t.elapsed();
        }
        QVERIFY2(firstBatchAt >= 0 && firstBatchAt < 400,
                 qPrintable(QStringLiteral("first batch at %1 ms").arg(firstBatchAt)));
        QVERIFY2(batches.size() >= 3, qPrintable(QString::number(batches.size())));
    }

    void aRemovedOrMovedFolderReportsItsFilesAndAMovedInOneIsWatched()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(root() + "/src/gone/a.ts", "export {};\n");
        writeFile(root() + "/src/gone/deep/b.ts", "export {};\n");
        QVERIFY(waitForChange(spy, root() + "/src/gone/deep/b.ts"));
        spy.clear();
        QVERIFY(QDir(root() + "/src/gone").removeRecursively());
        QVERIFY(waitForChange(spy, root() + "/src/gone/a.ts"));
        QVERIFY(waitForChange(spy, root() + "/src/gone/deep/b.ts"));

        // A folder made outside the app and moved in: its files are new, and watched.
        QTemporaryDir outside;
        writeFile(outside.path() + "/moved/c.ts", "export {};\n");
        spy.clear();
        QVERIFY(QDir().rename(outside.path() + "/moved", root() + "/src/moved"));
        QVERIFY(waitForChange(spy, root() + "/src/moved/c.ts"));
        spy.clear();
        writeFile(root() + "/src/moved/c.ts", "export const c = 1;\n");
        QVERIFY(waitForChange(spy, root() + "/src/moved/c.ts"));
        // Moved out again: its files are gone, and no longer watched.
        spy.clear();
        QVERIFY(QDir().rename(root() + "/src/moved", outside.path() + "/back"));
        QVERIFY(waitForChange(spy, root() + "/src/moved/c.ts"));
        spy.clear();
        writeFile(outside.path() + "/back/c.ts", "export const c = 2;\n");
        writeFile(root() + "/src/app/page.tsx", "export const a = 20;\n");
        QVERIFY(waitForChange(spy, root() + "/src/app/page.tsx"));
        QCOMPARE(reported(spy), root() + "/src/app/page.tsx");
    }

    void aSymlinkedFileIsFollowed()
    {
        QTemporaryDir outside;
        writeFile(outside.path() + "/shared.ts", "export const s = 1;\n");
        const QString link = root() + "/src/app/shared.ts";
        QVERIFY(QFile::link(outside.path() + "/shared.ts", link));
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(outside.path() + "/shared.ts", "export const s = 2;\n");
        QVERIFY(waitForChange(spy, link));
        QVERIFY(QFile::remove(link));
    }

    void lockfilesCountButNodeModulesAndOtherRootFilesDoNot()
    {
        FileWatcher watcher(root());
        QSignalSpy spy(&watcher, &FileWatcher::filesChanged);
        writeFile(root() + "/node_modules/dep/index.js", "module.exports = 2;\n");
        writeFile(root() + "/README.md", "changed\n");
        writeFile(root() + "/package.json", "{\"name\":\"x\"}");
        QVERIFY(waitForChange(spy, root() + "/package.json"));
        QTest::qWait(100);
        for (const QList<QVariant> &args : std::as_const(spy)) {
            const QStringList files = args.at(0).toStringList();
            QVERIFY2(!files.contains(root() + "/node_modules/dep/index.js"),
                     qPrintable(files.join(',')));
            QVERIFY2(!files.contains(root() + "/README.md"), qPrintable(files.join(',')));
        }
    }
};

QTEST_GUILESS_MAIN(TestFileWatcher)
#include "tst_file_watcher.moc"
