#pragma once
// A saved journal of one dev session, with the event shapes
// engine/dev/devServer.cpp and engine/dev/hotUpdater.cpp record: the three
// environments pre-bundle, a page request, an edit (invalidations, requests
// re-transform), then a new bare import (worker re-bundles, the ssr run
// fails, the worker runner is cleared, generation 1 -> 2, a held request).
#include "journal/journal.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sy::test {

constexpr int64_t kJournalT0 = 1'700'000'000'000; // ms since the epoch

inline JournalEvent journalEvent(const std::string &kind, const std::string &env, int64_t timeMs,
                                 const std::string &summary, const nlohmann::json &data,
                                 int64_t generation = 1)
{
    JournalEvent e;
    e.kind = kind;
    e.environment = env;
    e.timeMs = timeMs;
    e.generation = generation;
    e.summary = summary;
    e.dataJson = data.dump();
    return e;
}

inline JournalEvent optimizerRunEvent(const std::string &env, int64_t timeMs,
                                      const std::vector<std::string> &deps,
                                      const std::string &oldHash, const std::string &newHash,
                                      double durationMs, const std::string &outcome = "committed")
{
    return journalEvent("optimizer-run", env, timeMs,
                        outcome + ": " + deps.front() + " (" + oldHash + " -> " + newHash + ")",
                        {{"trigger", "discovered " + deps.front()},
                         {"depsAdded", deps},
                         {"depsChanged", nlohmann::json::array()},
                         {"oldBrowserHash", oldHash},
                         {"newBrowserHash", newHash},
                         {"durationMs", durationMs},
                         {"outcome", outcome},
                         {"error", outcome == "failed" ? "Could not resolve \"is-number\"" : ""}});
}

inline JournalEvent requestEvent(int64_t timeMs, const std::string &path, int status,
                                 double durationMs, double heldMs = 0, int replays = 0,
                                 int64_t generation = 1)
{
    return journalEvent("request", "", timeMs, "GET " + path + " " + std::to_string(status),
                        {{"method", "GET"},
                         {"path", path},
                         {"status", status},
                         {"durationMs", durationMs},
                         {"held", heldMs > 0},
                         {"heldMs", heldMs},
                         {"replayed", replays > 0},
                         {"replays", replays}},
                        generation);
}

inline JournalEvent invalidationEvent(int64_t timeMs, const std::string &file,
                                      const std::vector<std::string> &chain = {})
{
    nlohmann::json d{{"module", file}, {"cause", "file changed"}};
    if (!chain.empty())
        d["chain"] = chain;
    return journalEvent("invalidation", "", timeMs, "changed " + file, d);
}

/// Writes the session into a new journal at `path`; false with `error` set.
inline bool writeSampleJournal(const std::string &path, std::string *error)
{
    std::unique_ptr<Journal> journal = Journal::open(path, error);
    if (!journal)
        return false;
    const int64_t t0 = kJournalT0;
    journal->record(
        optimizerRunEvent("client", t0 + 300, {"react", "react-dom"}, "", "c0000001", 280));
    journal->record(optimizerRunEvent("ssr", t0 + 310, {"react", "react-dom/server.edge"}, "",
                                      "s0000001", 290));
    journal->record(optimizerRunEvent("worker", t0 + 320, {"react", "rwsdk"}, "", "w0000001", 300));
    journal->record(requestEvent(t0 + 500, "/", 200, 80));
    journal->record(
        invalidationEvent(t0 + 1000, "/app/src/app/pages/Home.tsx", {"/app/src/worker.tsx"}));
    journal->record(invalidationEvent(t0 + 1001, "/app/src/client.tsx"));
    journal->record(journalEvent(
        "hmr", "client", t0 + 1010, "update /src/client.tsx",
        {{"payload",
          {{"type", "update"},
           {"updates",
            {{{"type", "js-update"}, {"path", "/src/client.tsx"}, {"timestamp", t0 + 1010}}}}}}}));
    journal->record(requestEvent(t0 + 1100, "/src/client.tsx", 200, 2));
    journal->record(requestEvent(t0 + 1200, "/", 200, 30));
    journal->record(invalidationEvent(t0 + 2000, "/app/src/app/pages/Home.tsx"));
    journal->record(
        optimizerRunEvent("worker", t0 + 2400, {"is-number"}, "w0000001", "w0000002", 350));
    journal->record(
        optimizerRunEvent("ssr", t0 + 2410, {"is-number"}, "s0000001", "s0000002", 360, "failed"));
    journal->record(
        journalEvent("runner-cache-clear", "worker", t0 + 2420, "cleared 3 evaluated modules",
                     {{"dropped", {"/app/src/worker.tsx"}}, {"reason", "new generation"}}));
    journal->record(journalEvent("generation", "", t0 + 2421, "generation 1 -> 2",
                                 {{"from", 1}, {"to", 2}, {"reason", "re-optimization"}}, 1));
    journal->record(requestEvent(t0 + 2500, "/", 200, 50, 400, 1, 2));
    journal->flush();
    return true;
}

} // namespace sy::test
