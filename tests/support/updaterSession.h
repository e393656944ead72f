#pragma once
// A HotUpdater over a prepared dev session of a copy of one of the examples,
// for Qt tests of what an edit does (the dev server's wiring without its HTTP
// side): the worker isolate is never started (the updater only asks its runner
// to drop modules), and every HMR payload the updater broadcasts is kept.
#include "dev/devSession.h"
#include "dev/hotUpdater.h"
#include "dev/requestGate.h"
#include "js/workerIsolate.h"
#include "support/exampleCopy.h"
#include "support/preparedSession.h"

#include <QSignalSpy>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sy::test {

/// What updaterOnExampleCopy() opens; keep it alive for the test.
struct UpdaterSession {
    ProjectConfig project;
    std::unique_ptr<DevSession> session;
    std::unique_ptr<WorkerIsolate> worker;
    RequestGate gate;
    std::unique_ptr<HotUpdater> updater;
    std::vector<nlohmann::json> payloads; ///< HMR payloads broadcast, in order

    /// Tells the updater `file` changed; true once its update finished (60 s at most).
    bool changed(const std::filesystem::path &file)
    {
        QSignalSpy updated(this->updater.get(), &HotUpdater::updated);
        this->updater->filesChanged({QString::fromStdString(file.string())});
        return updated.wait(60000);
    }
};

/// Copies `example` (with its rwsdk from npm) into `dir` (copyExample:
/// node_modules linked), opens and prepares its dev session and a HotUpdater
/// with the framework's server-update event, as the dev server does. `root`
/// gets the copy's real path. Returns "" or what failed.
inline std::string updaterOnExampleCopy(const std::filesystem::path &example,
                                        const std::filesystem::path &dir,
                                        std::filesystem::path &root, UpdaterSession &out)
{
    if (!std::filesystem::exists(example / "node_modules/rwsdk/package.json"))
        return "run scripts/setup.sh first: " + example.string() + " has no rwsdk installed";
    std::error_code ec;
    root = std::filesystem::canonical(dir, ec);
    if (ec)
        return dir.string() + ": " + ec.message();
    copyExample(example, root);
    const std::string error = openPreparedSession(root.string(), out.project, out.session);
    if (!error.empty())
        return error;
    WorkerOptions options;
    options.entryId = out.project.workerEntry;
    out.worker = std::make_unique<WorkerIsolate>(out.session->worker(), options);
    HotUpdater::Hooks hooks;
    hooks.broadcastHmr = [&out](const std::string &json) {
        out.payloads.push_back(nlohmann::json::parse(json));
    };
    out.updater = std::make_unique<HotUpdater>(*out.session, *out.worker, out.gate, hooks);
    out.updater->setRscUpdateEvent(out.project.framework.rscUpdateEvent);
    return {};
}

} // namespace sy::test
