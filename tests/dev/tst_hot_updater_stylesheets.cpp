// The hot updater and a linked Tailwind stylesheet (engine/dev/hotUpdater.cpp)
// on a copy of examples/realworld (rwsdk 1.7.3; its Document links
// `styles.css?url`, whose Tailwind sources include every component). A
// component edit sends the component's js-update and the link's css-update
// without building the stylesheet first (seen: the js-update waited for a
// Tailwind rebuild, ~50 ms of a Fast Refresh edit's ~100 under load; Vite
// builds it when the browser asks again); the next request builds it with
// the edit's classes. An edit of the stylesheet itself is built in the update,
// so its errors reach the browsers. The worker isolate is never started.
#include "dev/devSession.h"
#include "dev/hotUpdater.h"
#include "dev/requestGate.h"
#include "env/cssRequest.h"
#include "js/workerIsolate.h"
#include "support/textFiles.h"
#include "support/updaterSession.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace sy;
using sy::test::contains;
using sy::test::readText;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const fs::path kRealworld = SY_SOURCE_DIR "/examples/realworld";

} // namespace

class TestHotUpdaterStylesheets : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    sy::test::UpdaterSession m_s; ///< session, never-started worker, updater, payloads
    ProjectConfig &m_project = m_s.project;
    std::unique_ptr<DevSession> &m_session = m_s.session;
    std::unique_ptr<HotUpdater> &m_updater = m_s.updater;
    std::vector<nlohmann::json> &m_payloads = m_s.payloads; ///< HMR payloads broadcast, in order

    std::string stylesheetId() const
    {
        return (m_root / "src/app/styles.css").string() + "?direct";
    }

    /// Whether the client graph holds a built result of the linked stylesheet.
    bool stylesheetBuilt()
    {
        bool built = false;
        m_session->client().withGraph([&](ModuleGraph &graph) {
            const ModuleNode *node = graph.moduleById(stylesheetId());
            built = node && static_cast<bool>(node->transformResult);
        });
        return built;
    }

    /// The update types sent since `from` for `path` ("js-update", "css-update").
    std::vector<std::string> updatesFor(size_t from, const std::string &path) const
    {
        std::vector<std::string> out;
        for (size_t i = from; i < m_payloads.size(); ++i)
            if (m_payloads[i].value("type", "") == "update")
                for (const auto &u : m_payloads[i]["updates"])
                    if (u.value("path", "") == path)
                        out.push_back(u.value("type", ""));
        return out;
    }

    /// Tells the updater `file` changed and waits for its update.
    void changed(const fs::path &file) { QVERIFY(m_s.changed(file)); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string error =
            sy::test::updaterOnExampleCopy(kRealworld, m_dir.path().toStdString(), m_root, m_s);
        QVERIFY2(error.empty(), error.c_str());
        // The page's <link> (Accept: text/css) and the component, as a browser loads them.
        QCOMPARE(m_session->client().serveClientUrl("/src/app/styles.css?direct").status, 200);
        QCOMPARE(m_session->client().serveClientUrl("/src/app/components/Counter.tsx").status, 200);
        QVERIFY(stylesheetBuilt());
    }

    void whatFeedsOnlyCandidates()
    {
        QVERIFY(onlyFeedsStylesheetCandidates("/app/src/Counter.tsx"));
        QVERIFY(onlyFeedsStylesheetCandidates("/app/src/about.md"));
        QVERIFY(!onlyFeedsStylesheetCandidates("/app/src/styles.css"));
        QVERIFY(!onlyFeedsStylesheetCandidates("/app/postcss.config.mjs"));
        QVERIFY(!onlyFeedsStylesheetCandidates("/app/tailwind.config.ts"));
        QVERIFY(!onlyFeedsStylesheetCandidates("/app/src/logo.svg"));
    }

    void aComponentEditIsNotHeldForTheStylesheetsBuild()
    {
        const fs::path counter = m_root / "src/app/components/Counter.tsx";
        const size_t from = m_payloads.size();
        std::string text = readText(counter);
        const std::string button = "<button id=\"increment\"";
        QVERIFY(contains(text, button));
        text.replace(text.find(button), button.size(),
                     "<button id=\"increment\" className=\"bg-lime-300\"");
        writeText(counter, text);
        changed(counter);
        QVERIFY2(updatesFor(from, "/src/app/components/Counter.tsx") ==
                     std::vector<std::string>{"js-update"},
                 nlohmann::json(m_payloads).dump().c_str());
        QVERIFY2(updatesFor(from, "/src/app/styles.css") == std::vector<std::string>{"css-update"},
                 nlohmann::json(m_payloads).dump().c_str());
        QVERIFY2(!stylesheetBuilt(), "the update built the linked stylesheet before sending");
        // The browser's re-fetch builds it, with the edit's class.
        const ServedModule css = m_session->client().serveClientUrl("/src/app/styles.css?direct");
        QCOMPARE(css.status, 200);
        QVERIFY2(contains(css.body, ".bg-lime-300"), css.body.substr(0, 300).c_str());
    }

    void aBrokenStylesheetIsReportedByItsUpdate()
    {
        const fs::path styles = m_root / "src/app/styles.css";
        const std::string good = readText(styles);
        const size_t from = m_payloads.size();
        writeText(styles, good + "\n.broken { color: red; }\n}\n");
        changed(styles);
        bool error = false;
        for (size_t i = from; i < m_payloads.size(); ++i)
            error = error || m_payloads[i].value("type", "") == "error";
        QVERIFY2(error, nlohmann::json(m_payloads).dump().c_str());
        writeText(styles, good);
        changed(styles);
        QVERIFY(stylesheetBuilt());
    }
};

QTEST_GUILESS_MAIN(TestHotUpdaterStylesheets)
#include "tst_hot_updater_stylesheets.moc"
