#include "dev/modifiedFileWait.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <thread>

using namespace sy;

namespace {
void write(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}
std::string read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
} // namespace

class TestModifiedFileWait : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return (m_dir.path() + "/" + name).toStdString(); }

private slots:
    void nonEmptyAndMissingFilesAreNotWaitedFor()
    {
        write(path("page.tsx"), "export const a = 1;\n");
        const std::vector<std::string> waited =
            waitForModifiedFiles({path("page.tsx"), path("gone.tsx"), m_dir.path().toStdString()});
        QVERIFY(waited.empty());
    }

    void truncatedFileIsReadAfterItsWrite()
    {
        // writeFileSync's two steps, with the write late: the wait sees it.
        const std::string file = path("ClientProbe.tsx");
        write(file, "");
        std::thread writer([file] {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
            write(file, "\"use client\";\nexport function ClientProbe() { return null; }\n");
        });
        const std::vector<std::string> waited = waitForModifiedFiles({file});
        const std::string after = read(file);
        writer.join();
        QCOMPARE(waited, std::vector<std::string>{file});
        QVERIFY2(after.find("use client") != std::string::npos, after.c_str());
    }

    void fileThatStaysEmptyIsGivenUpOn()
    {
        // An empty file is a legitimate edit: the wait is bounded (10 polls),
        // and the file is reported as waited for.
        const std::string file = path("empty.ts");
        write(file, "");
        const std::vector<std::string> waited = waitForModifiedFiles({file}, 3, 5);
        QCOMPARE(waited, std::vector<std::string>{file});
        QCOMPARE(read(file), std::string());
    }
};

QTEST_GUILESS_MAIN(TestModifiedFileWait)
#include "tst_modified_file_wait.moc"
