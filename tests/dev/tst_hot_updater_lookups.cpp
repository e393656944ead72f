// The hot updater keeps rwsdk's lookup modules current when a file gains or
// loses a directive while the server runs (engine/dev/hotUpdater.cpp, commit
// baad44f): both lookups in every environment, and the worker's bridged copies
// of the ssr ones. rwsdk's ssr runtime (dist/runtime/register/ssr.js) imports
// virtual:use-server-lookup.js too, so the ssr environment's copy and the
// worker's bridged copy of it must list a new "use server" module; before that
// commit they kept their old transform. A dev session of examples/starter
// (rwsdk 1.7.3, a copy in a temporary folder, node_modules linked) with a
// worker isolate that is never started (the updater only asks its runner to
// drop modules). The browsers' side: a new "use server" module re-renders the
// page (rsc:update), a new "use client" module reloads it (the framework client
// in the page holds the use-client lookup it loaded).
#include "dev/devSession.h"
#include "dev/hotUpdater.h"
#include "dev/requestGate.h"
#include "js/workerIsolate.h"
#include "support/textFiles.h"
#include "support/updaterSession.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace sy;
using sy::test::contains;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const fs::path kStarter = SY_SOURCE_DIR "/examples/starter";
const std::string kBridgedPrefix = "virtual:switchyard:ssr:";
} // namespace

class TestHotUpdaterLookups : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    sy::test::UpdaterSession m_s; ///< session, never-started worker, updater, payloads
    ProjectConfig &m_project = m_s.project;
    std::unique_ptr<DevSession> &m_session = m_s.session;
    std::unique_ptr<HotUpdater> &m_updater = m_s.updater;
    std::vector<nlohmann::json> &m_payloads = m_s.payloads; ///< HMR payloads broadcast, in order

    static std::string joined(const std::vector<std::string> &kinds)
    {
        std::string out = "sent:";
        for (const std::string &k : kinds)
            out += " " + k;
        return out;
    }

    /// The `type` (or custom `event`) of each payload broadcast since `from`.
    std::vector<std::string> kindsSince(size_t from) const
    {
        std::vector<std::string> kinds;
        for (size_t i = from; i < m_payloads.size(); ++i)
            kinds.push_back(m_payloads[i].value("type", "") == "custom"
                                ? m_payloads[i].value("event", "")
                                : m_payloads[i].value("type", ""));
        return kinds;
    }

    std::string code(EnvironmentKind env, const std::string &id)
    {
        const FetchedModule m = m_session->environment(env).fetchModule(id, {});
        return m.ok ? m.code : "error: " + m.error;
    }

    /// Tells the updater `file` changed and waits for its update.
    void changed(const fs::path &file) { QVERIFY(m_s.changed(file)); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string error =
            sy::test::updaterOnExampleCopy(kStarter, m_dir.path().toStdString(), m_root, m_s);
        QVERIFY2(error.empty(), error.c_str());
    }

    void aNewUseServerModuleReachesEveryServerLookup()
    {
        const std::string lookup = m_session->worker().useServerLookupId();
        const fs::path added = m_root / "src/app/pages/notes/archive.ts";
        const std::string reference = "/src/app/pages/notes/archive.ts";
        // Transformed before the edit (the session crawled them).
        QVERIFY(!contains(code(EnvironmentKind::Ssr, lookup), reference));
        QVERIFY(!contains(code(EnvironmentKind::Worker, kBridgedPrefix + lookup), reference));

        const size_t from = m_payloads.size();
        writeText(added, "\"use server\";\n"
                         "export async function archiveNotes() {\n"
                         "  return { archived: true };\n"
                         "}\n");
        changed(added);
        QVERIFY2(kindsSince(from) == std::vector<std::string>{"rsc:update"},
                 joined(kindsSince(from)).c_str());
        for (EnvironmentKind env :
             {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker})
            QVERIFY2(contains(code(env, lookup), reference),
                     (std::string(environmentName(env)) + ": " + code(env, lookup)).c_str());
        // The worker's bridged copy (rwsdk's ssr runtime below the bridge).
        const std::string bridged = code(EnvironmentKind::Worker, kBridgedPrefix + lookup);
        QVERIFY2(contains(bridged, reference), bridged.c_str());
    }

    void aModuleLosingItsDirectiveLeavesEveryServerLookup()
    {
        const std::string lookup = m_session->worker().useServerLookupId();
        const fs::path file = m_root / "src/app/pages/notes/archive.ts";
        const std::string reference = "/src/app/pages/notes/archive.ts";
        writeText(file, "export async function archiveNotes() {\n"
                        "  return { archived: true };\n"
                        "}\n");
        changed(file);
        QVERIFY(!contains(code(EnvironmentKind::Ssr, lookup), reference));
        QVERIFY(!contains(code(EnvironmentKind::Worker, kBridgedPrefix + lookup), reference));
    }

    void aNewUseClientModuleReloadsThePage()
    {
        const std::string lookup = m_session->worker().useClientLookupId();
        const fs::path added = m_root / "src/app/components/Badge.tsx";
        const size_t from = m_payloads.size();
        writeText(added, "\"use client\";\n"
                         "export function Badge() {\n"
                         "  return <span>new</span>;\n"
                         "}\n");
        changed(added);
        QVERIFY2(contains(code(EnvironmentKind::Client, lookup), "/src/app/components/Badge.tsx"),
                 code(EnvironmentKind::Client, lookup).c_str());
        QVERIFY2(kindsSince(from) == std::vector<std::string>{"full-reload"},
                 joined(kindsSince(from)).c_str());
        // Losing the directive changes the lookup again: another reload.
        const size_t again = m_payloads.size();
        writeText(added, "export function Badge() {\n  return <span>new</span>;\n}\n");
        changed(added);
        QVERIFY2(kindsSince(again) == std::vector<std::string>{"full-reload"},
                 joined(kindsSince(again)).c_str());
    }
};

QTEST_GUILESS_MAIN(TestHotUpdaterLookups)
#include "tst_hot_updater_lookups.moc"
