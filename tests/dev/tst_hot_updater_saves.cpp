// A request that arrives right after a save meets the saved code: the dev
// server's wiring of FileWatcher and HotUpdater (engine/dev/devServer.cpp).
// The request's I/O thread takes in the changes the kernel queued before it
// arrived (FileWatcher::syncPending), whose notice closes the gate
// (HotUpdater::changeNoticed); the update of that burst opens it, so the
// request is held and starts on the new code. Before, the watcher's event loop
// and the request raced: a reload within a millisecond of the save rendered
// the old page about half the time (measured on the 500-component bench app:
// "edit to HTML" 150-170 ms, two renders; now one). A dev session of
// examples/starter (a copy in a temporary folder) with a worker isolate that is
// never started.
#include "dev/devSession.h"
#include "dev/fileWatcher.h"
#include "dev/hotUpdater.h"
#include "dev/requestGate.h"
#include "js/workerIsolate.h"
#include "support/textFiles.h"
#include "support/updaterSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <filesystem>
#include <thread>

using namespace sy;
using sy::test::contains;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const fs::path kStarter = SY_SOURCE_DIR "/examples/starter";
} // namespace

class TestHotUpdaterSaves : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    sy::test::UpdaterSession m_s; ///< session, never-started worker, updater, payloads
    std::unique_ptr<FileWatcher> m_watcher;

    std::string aboutId() const { return (m_root / "src/app/pages/About.tsx").string(); }

    std::string workerCode(const std::string &id)
    {
        const FetchedModule m = m_s.session->worker().fetchModule(id, {});
        return m.ok ? m.code : "error: " + m.error;
    }

    /// Saves About.tsx with `marker`, then submits a request from another thread
    /// (as an HTTP I/O thread does, after syncPending). Returns the code of the
    /// page module the request met when it started, after its update.
    std::string saveThenRequest(const std::string &marker, bool &heldAtSubmit)
    {
        writeText(m_root / "src/app/pages/About.tsx",
                  "export function About() {\n  return <h1 id=\"title\">" + marker + "</h1>;\n}\n");
        std::atomic<bool> started{false};
        std::string met;
        QSignalSpy updated(m_s.updater.get(), &HotUpdater::updated);
        std::thread io([&] {
            m_watcher->syncPending();
            m_s.gate.submit([&](int64_t, double) {
                met = workerCode(aboutId());
                m_s.gate.finished();
                started = true;
            });
        });
        io.join();
        heldAtSubmit = !started;
        for (int i = 0; i < 600 && !started; ++i)
            updated.wait(100);
        return started ? met : std::string("(never started)");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string error =
            sy::test::updaterOnExampleCopy(kStarter, m_dir.path().toStdString(), m_root, m_s);
        QVERIFY2(error.empty(), error.c_str());
        m_watcher = std::make_unique<FileWatcher>(QString::fromStdString(m_root.string()));
        QVERIFY2(m_watcher->error().isEmpty(), qPrintable(m_watcher->error()));
        QObject::connect(m_watcher.get(), &FileWatcher::changeNoticed, m_s.updater.get(),
                         &HotUpdater::changeNoticed, Qt::DirectConnection);
        QObject::connect(m_watcher.get(), &FileWatcher::filesChanged, m_s.updater.get(),
                         &HotUpdater::filesChanged);
        const std::string before = workerCode(aboutId());
        QVERIFY2(contains(before, "about-text") && !contains(before, "saved-"), before.c_str());
    }

    void aRequestRightAfterASaveMeetsTheSavedCode()
    {
        for (int round = 0; round < 5; ++round) {
            const std::string marker = "saved-" + std::to_string(round);
            bool held = false;
            const std::string met = saveThenRequest(marker, held);
            QVERIFY2(held, "the request started before the save's update");
            QVERIFY2(contains(met, marker), met.c_str());
            // The burst's update opened what its notice closed.
            QTRY_VERIFY(m_s.gate.isOpen());
            QCOMPARE(m_s.gate.held(), size_t(0));
        }
    }

    void withoutAChangeARequestStartsAtOnce()
    {
        QTest::qWait(50); // the last round's batch is out
        std::atomic<bool> started{false};
        std::thread io([&] {
            m_watcher->syncPending();
            m_s.gate.submit([&](int64_t, double) {
                m_s.gate.finished();
                started = true;
            });
        });
        io.join();
        QVERIFY(started);
        QVERIFY(m_s.gate.isOpen());
    }

    void cleanupTestCase() { m_watcher.reset(); }
};

QTEST_GUILESS_MAIN(TestHotUpdaterSaves)
#include "tst_hot_updater_saves.moc"
