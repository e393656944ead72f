// Builds through esbuild's service (optimizer/esbuildService.h) and the optimizer's
// runEsbuild on top of it: outputs written, the metafile answered, errors with their
// location (the CLI's text for runEsbuild, which failure attribution reads), services
// side by side for concurrent runs, transforms still answered by the same service.
#include "optimizer/esbuildBundler.h"
#include "optimizer/esbuildService.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

using namespace sy;
namespace fs = std::filesystem;

namespace {
const std::string kEsbuild = SY_TOOLS_JS_DIR "/node_modules/@esbuild/linux-x64/bin/esbuild";

void writeText(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}
} // namespace

class TestEsbuildService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        writeText(m_root / "src/shared.js", "export const shared = (x) => x * 2;\n");
        writeText(m_root / "src/a.js", "import { shared } from './shared.js';\n"
                                       "export const a = shared(1);\n");
        writeText(m_root / "src/b.js", "import { shared } from './shared.js';\n"
                                       "export const b = shared(2);\n");
        writeText(m_root / "src/broken.js", "import { gone } from 'no-such-package';\n"
                                            "export const c = gone;\n");
    }

    void buildWritesItsOutputsAndAnswersTheMetafile()
    {
        const fs::path out = m_root / "out-service";
        fs::create_directories(out);
        EsbuildService service(kEsbuild, esbuildVersion(kEsbuild));
        const EsbuildBuildResponse r = service.build(
            {{"a", (m_root / "src/a.js").string()}, {"b", (m_root / "src/b.js").string()}},
            {"--bundle", "--format=esm", "--splitting", "--outdir=" + out.string(),
             "--chunk-names=chunk-[hash]", "--metafile"},
            out.string(), {}, 30000);
        QVERIFY2(r.answered, r.failure.c_str());
        QVERIFY(r.errors.empty());
        QVERIFY(fs::exists(out / "a.js") && fs::exists(out / "b.js"));
        const nlohmann::json meta = nlohmann::json::parse(r.metafile, nullptr, false);
        QVERIFY(meta.is_object() && meta.contains("outputs"));
        int chunks = 0;
        for (const auto &[file, info] : meta["outputs"].items())
            chunks += file.rfind("chunk-", 0) == 0 ? 1 : 0;
        QCOMPARE(chunks, 1); // the shared module, split out of both entries
        // The same service still transforms.
        const EsbuildTransformResponse t =
            service.transform("let x: number = 1", {"--loader=ts"}, 30000);
        QVERIFY(t.answered && t.errors.empty());
        QCOMPARE(QString::fromStdString(t.code).trimmed(), QString("let x = 1;"));
    }

    void anErrorComesWithItsLocation()
    {
        const fs::path out = m_root / "out-error";
        fs::create_directories(out);
        EsbuildService service(kEsbuild, esbuildVersion(kEsbuild));
        const EsbuildBuildResponse r =
            service.build({{"broken", (m_root / "src/broken.js").string()}},
                          {"--bundle", "--format=esm", "--outdir=" + out.string(), "--metafile"},
                          out.string(), {}, 30000);
        QVERIFY2(r.answered, r.failure.c_str());
        QCOMPARE(r.errors.size(), size_t(1));
        QVERIFY(QString::fromStdString(r.errors[0].text).contains("no-such-package"));
        QVERIFY(QString::fromStdString(r.errors[0].file).endsWith("src/broken.js"));
        QCOMPARE(r.errors[0].line, 1);
        QVERIFY(!r.errors[0].notes.empty()); // "You can mark the path ... as external"
    }

    void runEsbuildReportsAsTheCliDid()
    {
        EsbuildRequest request;
        request.esbuildPath = kEsbuild;
        request.outDir = (m_root / "out-run").string();
        fs::create_directories(request.outDir);
        request.entries = {{"broken", (m_root / "src/broken.js").string()},
                           {"a", (m_root / "src/a.js").string()}};
        const EsbuildResult failed = runEsbuild(request);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.find("Could not resolve \"no-such-package\"") != std::string::npos,
                 failed.error.c_str());
        QVERIFY2(failed.error.find("src/broken.js:1:") != std::string::npos, failed.error.c_str());

        request.entries.erase("broken");
        const EsbuildResult ok = runEsbuild(request);
        QVERIFY2(ok.ok, ok.error.c_str());
        QCOMPARE(ok.entryOutputs.at("a"), request.outDir + "/a.js");
        QVERIFY(std::find(ok.inputs.begin(), ok.inputs.end(),
                          (m_root / "src/shared.js").string()) != ok.inputs.end());
    }

    // runEsbuild builds through the service: an esbuild that refuses every CLI build (it
    // runs only as `--service` and for `--version`) still bundles.
    void runEsbuildUsesTheService()
    {
        const fs::path fake = m_root / "esbuild-service-only";
        writeText(fake, "#!/bin/sh\ncase \"$1\" in --service=*|--version) exec " + kEsbuild +
                            " \"$@\";; esac\necho 'the CLI was used' >&2\nexit 1\n");
        fs::permissions(fake, fs::perms::owner_all);
        EsbuildRequest request;
        request.esbuildPath = fake.string();
        request.outDir = (m_root / "out-service-only").string();
        fs::create_directories(request.outDir);
        request.entries = {{"a", (m_root / "src/a.js").string()}};
        const EsbuildResult r = runEsbuild(request);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(fs::exists(request.outDir + "/a.js"));
    }

    void concurrentBuildsAreEachAnswered()
    {
        std::vector<std::future<EsbuildBuildResponse>> builds;
        for (int i = 0; i < 3; ++i)
            builds.push_back(std::async(std::launch::async, [this, i] {
                const fs::path out = m_root / ("out-parallel-" + std::to_string(i));
                fs::create_directories(out);
                return EsbuildService::buildOnIdleService(
                    kEsbuild, {{"a", (m_root / "src/a.js").string()}},
                    {"--bundle", "--format=esm", "--outdir=" + out.string(), "--metafile"},
                    out.string(), {}, 30000);
            }));
        for (int i = 0; i < 3; ++i) {
            const EsbuildBuildResponse r = builds[size_t(i)].get();
            QVERIFY2(r.answered, r.failure.c_str());
            QVERIFY(r.errors.empty());
            QVERIFY(fs::exists(m_root / ("out-parallel-" + std::to_string(i)) / "a.js"));
        }
    }
};

QTEST_GUILESS_MAIN(TestEsbuildService)
#include "tst_esbuild_service.moc"
