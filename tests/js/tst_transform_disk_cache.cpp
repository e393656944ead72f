// The transform cache's disk tier (js/transformDiskCache.h): what one process's
// TransformService made of a source, a later one (a fresh service: empty memo)
// reads back instead of transforming; failures and damaged files never answer.
#include "js/jsPlatform.h"
#include "js/transformDiskCache.h"
#include "js/transformService.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace sy;
namespace fs = std::filesystem;

namespace {
const char *kTsx = R"TSX(import { useState } from "react";
type Props = { start: number };
export function Counter({ start }: Props) {
  const [count, setCount] = useState<number>(start);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}
)TSX";

int entryFiles(const QString &dir)
{
    int n = 0;
    for (const auto &e : fs::directory_iterator(dir.toStdString()))
        n += e.path().extension() == ".bin" ? 1 : 0;
    return n;
}
} // namespace

class TstTransformDiskCache : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        fs::remove_all(m_dir.path().toStdString() + "/cache");
        QVERIFY(TransformDiskCache::instance().enable(m_dir.path().toStdString() + "/cache"));
    }

    void cleanup() { TransformDiskCache::instance().disable(); }

    void aLaterServiceReadsTheOutputFromDisk()
    {
        const auto options = TransformOptions::forFile("/app/src/Counter.tsx");
        const auto before = TransformDiskCache::instance().stats();
        TransformOutput first;
        {
            TransformService earlier;
            first = earlier.transform(kTsx, options);
            QVERIFY2(first.ok, first.error.c_str());
        }
        QCOMPARE(TransformDiskCache::instance().stats().writes, before.writes + 1);
        QCOMPARE(entryFiles(m_dir.path() + "/cache"), 1);

        TransformService later; // empty memo, as in the next process
        const TransformOutput again = later.transform(kTsx, options);
        QVERIFY(again.ok);
        QCOMPARE(again.code, first.code);
        QCOMPARE(again.sourceMapJson, first.sourceMapJson);
        QCOMPARE(TransformDiskCache::instance().stats().hits, before.hits + 1);

        // Another file name or another source is another key: transformed for it.
        const TransformOutput other =
            later.transform(kTsx, TransformOptions::forFile("/app/src/Other.tsx"));
        QVERIFY(QString::fromStdString(other.sourceMapJson).contains("Other.tsx"));
        std::string edited = kTsx;
        edited.replace(edited.find("count + 1"), 9, "count + 2");
        const TransformOutput after = later.transform(edited, options);
        QVERIFY(QString::fromStdString(after.code).contains("count + 2"));
        QCOMPARE(TransformDiskCache::instance().stats().hits, before.hits + 1);
        QCOMPARE(entryFiles(m_dir.path() + "/cache"), 3);
    }

    void reactRefreshOutputsToo()
    {
        const std::string js = "import { useState } from \"react\";\n"
                               "export function Counter() {\n"
                               "  const [n, setN] = useState(0);\n"
                               "  return n;\n"
                               "}\n";
        RefreshTransformOutput first;
        {
            TransformService earlier;
            first = earlier.reactRefresh(js, "/app/src/Counter.jsx");
            QVERIFY2(first.ok, first.error.c_str());
            QVERIFY(first.refreshed);
        }
        const auto before = TransformDiskCache::instance().stats();
        TransformService later;
        const RefreshTransformOutput again = later.reactRefresh(js, "/app/src/Counter.jsx");
        QVERIFY(again.ok && again.refreshed);
        QCOMPARE(again.code, first.code);
        QCOMPARE(TransformDiskCache::instance().stats().hits, before.hits + 1);
    }

    void failuresAreNotKept()
    {
        const auto options = TransformOptions::forFile("/app/src/bad.ts");
        const auto before = TransformDiskCache::instance().stats();
        {
            TransformService earlier;
            QVERIFY(!earlier.transform("const b: number = ;", options).ok);
        }
        QCOMPARE(TransformDiskCache::instance().stats().writes, before.writes);
        TransformService later;
        const TransformOutput again = later.transform("const b: number = ;", options);
        QVERIFY(!again.ok);
        QCOMPARE(again.line, 1); // sucrase ran again and located it
        QCOMPARE(TransformDiskCache::instance().stats().hits, before.hits);
    }

    void aDamagedEntryIsTransformedAgain()
    {
        const auto options = TransformOptions::forFile("/app/src/Counter.tsx");
        TransformOutput first;
        {
            TransformService earlier;
            first = earlier.transform(kTsx, options);
            QVERIFY(first.ok);
        }
        // Cut every entry short (a full disk, a crash mid-write by another tool).
        for (const auto &e : fs::directory_iterator(m_dir.path().toStdString() + "/cache"))
            if (e.path().extension() == ".bin")
                fs::resize_file(e.path(), fs::file_size(e.path()) - 10);
        const auto before = TransformDiskCache::instance().stats();
        TransformService later;
        const TransformOutput again = later.transform(kTsx, options);
        QVERIFY(again.ok);
        QCOMPARE(again.code, first.code);
        QCOMPARE(TransformDiskCache::instance().stats().hits, before.hits);
        QCOMPARE(TransformDiskCache::instance().stats().misses, before.misses + 1);
    }

    void offMeansNoFiles()
    {
        TransformDiskCache::instance().disable();
        {
            TransformService service;
            QVERIFY(service.transform("let x: number = 1;", TransformOptions::forFile("/a.ts")).ok);
        }
        QCOMPARE(entryFiles(m_dir.path() + "/cache"), 0);
    }

    // Its entries are run as code: a folder another user owns is refused (DiskCacheFolder).
    void aFolderOfAnotherUserIsNotUsed()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give a folder to another user");
        TransformDiskCache::instance().disable();
        const std::string other = m_dir.path().toStdString() + "/other";
        fs::create_directories(other);
        QCOMPARE(::chown(other.c_str(), 65534, 65534), 0);
        QVERIFY(!TransformDiskCache::instance().enable(other));
        QVERIFY(!TransformDiskCache::instance().enabled());
        QVERIFY(TransformDiskCache::instance().enable(m_dir.path().toStdString() + "/cache"));
    }

    void theDefaultFolderFollowsTheEnvironment()
    {
        const QByteArray keep[] = {
            qgetenv("SWITCHYARD_TRANSFORM_CACHE"), qgetenv("SWITCHYARD_CODE_CACHE"),
            qgetenv("SWITCHYARD_TRANSFORM_CACHE_DIR"), qgetenv("XDG_CACHE_HOME")};
        qunsetenv("SWITCHYARD_TRANSFORM_CACHE");
        qunsetenv("SWITCHYARD_CODE_CACHE");
        qunsetenv("SWITCHYARD_TRANSFORM_CACHE_DIR");
        qputenv("XDG_CACHE_HOME", "/tmp/xdg-test");
        QCOMPARE(TransformDiskCache::defaultDirectory(),
                 std::string("/tmp/xdg-test/switchyard/transform-cache"));
        qputenv("SWITCHYARD_TRANSFORM_CACHE_DIR", "/tmp/elsewhere");
        QCOMPARE(TransformDiskCache::defaultDirectory(), std::string("/tmp/elsewhere"));
        qputenv("SWITCHYARD_TRANSFORM_CACHE", "0");
        QVERIFY(TransformDiskCache::defaultDirectory().empty());
        qunsetenv("SWITCHYARD_TRANSFORM_CACHE");
        qputenv("SWITCHYARD_CODE_CACHE", "0"); // every disk cache off
        QVERIFY(TransformDiskCache::defaultDirectory().empty());
        const char *names[] = {"SWITCHYARD_TRANSFORM_CACHE", "SWITCHYARD_CODE_CACHE",
                               "SWITCHYARD_TRANSFORM_CACHE_DIR", "XDG_CACHE_HOME"};
        for (int i = 0; i < 4; ++i)
            keep[i].isNull() ? qunsetenv(names[i]) : qputenv(names[i], keep[i]);
    }
};

QTEST_GUILESS_MAIN(TstTransformDiskCache)
#include "tst_transform_disk_cache.moc"
