#pragma once
// The live dev loop's writer: turns file changes and dependencies discovered
// by requests into invalidations, optimizer runs, generation commits and HMR
// messages, with the request gate closed around every commit.
//
// One update (run on the updater's thread, serialized):
//  1. close the gate (new requests are held, not failed; a file change closes
//     it already when the watcher notices it, before its debounce);
//  2. changed files: update the directive index, invalidate their nodes in
//     every environment (the worker's bridged twins too), and the lookup
//     modules when a file gained or lost a directive;
//  3. re-crawl the worker and client entries: new bare imports are found now,
//     before any request trips on them; transform errors become HMR `error`;
//  4. new dependencies (from the crawl or from requests): wait for requests in
//     flight to finish on the old generation, re-optimize the environments
//     concerned, start their graphs afresh, clear the worker's runner cache
//     (the pinned state module stays) and commit generation + 1; repeat the
//     crawl (a new bundle can reveal more) at most three times;
//     otherwise invalidate just the changed modules in the runner;
//  5. open the gate on the (new) generation: held and replayed requests run;
//  6. tell browsers: `full-reload` when client bundles changed or an edit
//     reaches no HMR boundary, `update` for accepting client modules (first
//     stamping the changed client modules and their non-accepting importers
//     with the payload's timestamp: Environment::markHotUpdated, ?t=), and the
//     framework's custom event (setRscUpdateEvent: rwsdk's `rsc:update`) when
//     the code of server modules changed (not when only the client copy of a
//     "use client" module did and the browser takes it as a js-update: React
//     Fast Refresh).
//
// Vite does steps 2-4 without a gate (its optimizer is debounced and sends
// full-reload after the fact), which is how requests end up mixing two
// generations (seed 003). Here a request runs on exactly one generation.
#include "journal/journalEvent.h"
#include "resolve/environment.h"

#include <nlohmann/json_fwd.hpp>

#include <QObject>
#include <QStringList>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace sy {

class DevSession;
class RequestGate;
class WorkerIsolate;

class HotUpdater : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<void(const std::string &json)> broadcastHmr; ///< to every browser
        std::function<void(JournalEvent)> record;                  ///< journal; may be empty
    };

    /// Lives on the calling thread (its event loop runs the updates).
    HotUpdater(DevSession &session, WorkerIsolate &worker, RequestGate &gate, Hooks hooks,
               QObject *parent = nullptr);

    /// Thread-safe: a request met `specifier` (resolved to `entry`) that the
    /// environment has not pre-bundled. Schedules an update.
    void dependencyMissing(EnvironmentKind environment, const std::string &specifier,
                           const std::string &entry);

    int64_t generation() const;

    /// Thread-safe (the HMR socket's I/O thread): a browser's accept callback gave up on an
    /// update of the module at `path` (`import.meta.hot.invalidate(message)`, e.g. React Fast
    /// Refresh found it is not a refresh boundary). As Vite's `vite:invalidate`: when that
    /// module is self-accepting and was hot-updated (and not already invalidated for that
    /// update), the update propagates from its importers (js-update of their boundaries, or a
    /// full-reload when one chain reaches none); journaled as an `invalidation`. Other paths
    /// are ignored.
    void hmrInvalidated(const std::string &path, const std::string &message);

    /// The custom HMR event sent when server code changed (FrameworkProfile::rscUpdateEvent:
    /// rwsdk's "rsc:update"), with data {file, paths} (rscUpdatePayload). Empty (the default): the
    /// app has no framework that re-renders from the server, so the browsers get a
    /// full-reload instead. Set before the first update.
    void setRscUpdateEvent(std::string event) { m_rscUpdateEvent = std::move(event); }

public slots:
    /// Thread-safe: the FileWatcher saw the first change of a burst (its batch comes
    /// with filesChanged after the debounce). Closes the gate at once, so a request
    /// that arrives between a save and its update (a reload right after saving) is
    /// held and served by the new code, not by the old one. The update that takes
    /// the burst's files opens it. Vite serves such a request from the old module.
    void changeNoticed();
    /// Absolute paths from the FileWatcher. Schedules an update.
    void filesChanged(const QStringList &files);

signals:
    /// After each update: the generation it ended on and whether it committed one.
    void updated(qint64 generation, bool committed);

private:
    void schedule();
    void runUpdate();
    void applyInvalidation(const std::string &path, const std::string &message);
    std::map<EnvironmentKind, std::map<std::string, std::string>> takeMissing();
    /// Records "stale-reference" events: a node whose transform baked in a
    /// browserHash its dependency no longer carries, or a runner module whose
    /// evaluated transform differs from the graph's. The gate and the
    /// invalidations exist so that this finds nothing; it is how we know.
    void checkStaleness();
    /// Journals one event; `data` may hold outside bytes (file names, tool
    /// output): written with dumpJson, never throwing on invalid UTF-8.
    void record(const std::string &kind, const std::string &environment, const std::string &summary,
                const nlohmann::json &data);

    DevSession &m_session;
    WorkerIsolate &m_worker;
    RequestGate &m_gate;
    Hooks m_hooks;

    mutable std::mutex m_mutex; // guards the pending sets and m_scheduled
    std::set<std::string> m_pendingFiles;
    std::map<EnvironmentKind, std::map<std::string, std::string>> m_missing;
    bool m_scheduled = false;
    /// A request met a new dependency: the gate was closed at once (so that
    /// replays wait instead of spinning) and the next update opens it.
    bool m_closedForDiscovery = false;
    /// Gate closes made by changeNoticed() that no update has opened yet.
    int m_closedForChanges = 0;
    int64_t m_generation = 1;
    /// Per client URL: the hot update an invalidation was already applied for (Vite's
    /// lastHMRInvalidationReceived), so one update is invalidated at most once. Updater thread.
    std::map<std::string, int64_t> m_invalidatedUpdates;
    std::string m_rscUpdateEvent;
    /// Worker module id -> etag of its last successful transform seen by an update
    /// (what a failed transform is compared with once it is fixed).
    std::map<std::string, std::string> m_lastServerEtags;
};

} // namespace sy
