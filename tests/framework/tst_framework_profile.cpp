// FrameworkProfile detection (framework/frameworkProfile.h): which framework
// and version an app has, and what the profile of each rwsdk version says.
#include "framework/frameworkProfile.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>

using namespace sy;
using sy::test::contains;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {

/// An app folder with node_modules/rwsdk/package.json of `version` (none when empty).
fs::path makeApp(const QTemporaryDir &dir, const std::string &version,
                 const std::string &appPackageJson = R"({"name":"app","type":"module"})")
{
    const fs::path root = fs::path(dir.path().toStdString()) / "app";
    writeText(root / "package.json", appPackageJson);
    if (!version.empty())
        writeText(root / "node_modules/rwsdk/package.json",
                  R"({"name":"rwsdk","version":")" + version + R"(","type":"module"})");
    return root;
}

bool has(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

class TestFrameworkProfile : public QObject {
    Q_OBJECT
private slots:
    void knownVersionsGetTheirProfileWithoutWarning_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("keepsReExports");
        QTest::newRow("oldest tested") << "1.2.9" << false;
        QTest::newRow("newest tested") << "1.7.3" << true;
        QTest::newRow("between") << "1.5.6" << true;
    }
    void knownVersionsGetTheirProfileWithoutWarning()
    {
        QFETCH(QString, version);
        QFETCH(bool, keepsReExports);
        QTemporaryDir dir;
        const fs::path root = makeApp(dir, version.toStdString());
        const FrameworkProfile p = detectFramework(root.string());
        QCOMPARE(p.kind, FrameworkKind::Rwsdk);
        QCOMPARE(p.version, version.toStdString());
        QCOMPARE(p.packageDir, fs::canonical(root / "node_modules/rwsdk").string());
        QVERIFY2(p.versionWarning.empty(), p.versionWarning.c_str());
        QCOMPARE(p.serverStubsKeepReExports, keepsReExports);
    }

    void rwsdkContractNamesWhatItsRuntimeImports()
    {
        const FrameworkProfile p = rwsdkProfile("1.7.3");
        QCOMPARE(p.ssrBridgeSpecifier, std::string("rwsdk/__ssr_bridge"));
        QCOMPARE(p.stateSpecifier, std::string("rwsdk/__state"));
        QCOMPARE(p.useClientLookupId, std::string("virtual:use-client-lookup.js"));
        QCOMPARE(p.useServerLookupId, std::string("virtual:use-server-lookup.js"));
        QCOMPARE(p.rscUpdateEvent, std::string("rsc:update"));
        // rwsdk's configPlugin: react-server only in the worker; the bridge and
        // the state module stay out of every server pre-bundle.
        QVERIFY(has(p.conditions.at(EnvironmentKind::Worker), "react-server"));
        QVERIFY(has(p.conditions.at(EnvironmentKind::Worker), "workerd"));
        QVERIFY(!has(p.conditions.at(EnvironmentKind::Ssr), "react-server"));
        QVERIFY(has(p.conditions.at(EnvironmentKind::Ssr), "workerd"));
        QVERIFY(has(p.conditions.at(EnvironmentKind::Client), "browser"));
        QVERIFY(!has(p.conditions.at(EnvironmentKind::Client), "workerd"));
        QVERIFY(has(p.prebundleExternals.at(EnvironmentKind::Worker), "rwsdk/__ssr_bridge"));
        for (EnvironmentKind env : {EnvironmentKind::Worker, EnvironmentKind::Ssr}) {
            QVERIFY(has(p.prebundleExternals.at(env), "rwsdk/__state"));
            QVERIFY(has(p.prebundleExternals.at(env), "virtual:*"));
        }
        QVERIFY(has(p.optimizeInclude.at(EnvironmentKind::Ssr), "rwsdk/__ssr_bridge"));
        QCOMPARE(p.importMetaEnv.at(EnvironmentKind::Worker).at("RWSDK_ENV"),
                 std::string("\"worker\""));
        QCOMPARE(p.importMetaEnv.at(EnvironmentKind::Client).at("RWSDK_ENV"),
                 std::string("\"client\""));
    }

    void rwsdkActionRequestIsWhatItsClientSends_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.2.9") << "1.2.9";
        QTest::newRow("1.7.3") << "1.7.3";
    }

    void rwsdkActionRequestIsWhatItsClientSends()
    {
        // client/client.js fetchTransport, register/methodEnforcer.js and
        // render/normalizeActionResult.js (the same in both versions).
        QFETCH(QString, version);
        const FrameworkProfile::ActionRequest a = rwsdkProfile(version.toStdString()).actionRequest;
        QCOMPARE(a.rscParam, std::string("__rsc"));
        QCOMPARE(a.actionIdParam, std::string("__rsc_action_id"));
        QCOMPARE(a.queryArgsParam, std::string("args"));
        QCOMPARE(a.dataOnlyHeader, std::string("x-rsc-data-only"));
        QCOMPARE(a.resultKey, std::string("actionResult"));
        QCOMPARE(a.responseKey, std::string("__rw_action_response"));
        QCOMPARE(a.methodProperty, std::string("method"));
        QVERIFY(a.sameOrigin);
        QCOMPARE(a.flightClientSpecifier, std::string("react-server-dom-webpack/client.edge"));
    }

    void versionsOutsideTheKnownRangeWarn_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("says");
        QTest::newRow("newer minor") << "1.9.0"
                                     << "newer than the newest version";
        QTest::newRow("next major") << "2.0.0"
                                    << "outside the versions Switchyard knows";
        QTest::newRow("older") << "1.0.0-beta.55"
                               << "outside the versions Switchyard knows";
    }
    void versionsOutsideTheKnownRangeWarn()
    {
        QFETCH(QString, version);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const FrameworkProfile p = detectFramework(makeApp(dir, version.toStdString()).string());
        QCOMPARE(p.kind, FrameworkKind::Rwsdk); // the nearest contract still applies
        QVERIFY2(contains(p.versionWarning, says.toStdString()), p.versionWarning.c_str());
        QVERIFY(contains(p.versionWarning, version.toStdString()));
    }

    void sourcePackagesAreNotPreBundledAndStayExternal()
    {
        // bench/prebundleModes' other mode: rwsdk and rwsdk-community served as source.
        QTemporaryDir dir;
        const fs::path root = makeApp(dir, "1.7.3");
        QCOMPARE(detectFramework(root.string()).sourcePackages, std::vector<std::string>{});
        qputenv("SWITCHYARD_SOURCE_PACKAGES", "rwsdk,rwsdk-community");
        const FrameworkProfile p = detectFramework(root.string());
        qunsetenv("SWITCHYARD_SOURCE_PACKAGES");
        QCOMPARE(p.sourcePackages, (std::vector<std::string>{"rwsdk", "rwsdk-community"}));
        for (const auto &[kind, externals] : p.prebundleExternals)
            for (const char *name : {"rwsdk", "rwsdk/*", "rwsdk-community", "rwsdk-community/*"})
                QVERIFY2(std::find(externals.begin(), externals.end(), name) != externals.end(),
                         name);
    }

    void aDependencyThatIsNotInstalledSaysWhatToRun()
    {
        QTemporaryDir dir;
        const fs::path root =
            makeApp(dir, "", R"({"name":"app","dependencies":{"rwsdk":"1.7.3"}})");
        const FrameworkProfile p = detectFramework(root.string());
        QCOMPARE(p.kind, FrameworkKind::Rwsdk);
        QVERIFY2(contains(p.versionWarning, "npm install"), p.versionWarning.c_str());
    }

    void aSymlinkedPackageIsFoundByItsRealPath()
    {
        QTemporaryDir dir;
        const fs::path store = fs::path(dir.path().toStdString()) / "store/rwsdk";
        writeText(store / "package.json", R"({"name":"rwsdk","version":"1.7.3"})");
        const fs::path root = makeApp(dir, "");
        fs::create_directories(root / "node_modules");
        fs::create_directory_symlink(store, root / "node_modules/rwsdk");
        const FrameworkProfile p = detectFramework(root.string());
        QCOMPARE(p.kind, FrameworkKind::Rwsdk);
        QCOMPARE(p.packageDir, fs::canonical(store).string());
    }

    void anAppWithoutRwsdkIsAPlainWorkersApp()
    {
        QTemporaryDir dir;
        // A package named rwsdk that is not RedwoodSDK's does not count.
        const fs::path root = makeApp(dir, "");
        writeText(root / "node_modules/rwsdk/package.json",
                  R"({"name":"other","version":"1.0.0"})");
        const FrameworkProfile p = detectFramework(root.string());
        QCOMPARE(p.kind, FrameworkKind::None);
        QVERIFY(p.packageName.empty());
        QVERIFY(p.versionWarning.empty());
        // No bridge, state module, lookups, directive transforms, action request or
        // server-update event: a server edit reloads the page.
        QVERIFY(p.ssrBridgeSpecifier.empty());
        QVERIFY(p.stateSpecifier.empty());
        QVERIFY(p.useClientLookupId.empty() && p.useServerLookupId.empty());
        QVERIFY(!p.documentScriptTransform);
        QVERIFY(p.actionRequest.actionIdParam.empty());
        QVERIFY(p.rscUpdateEvent.empty());
    }
};

QTEST_APPLESS_MAIN(TestFrameworkProfile)
#include "tst_framework_profile.moc"
