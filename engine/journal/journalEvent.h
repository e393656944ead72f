#pragma once
// One engine event as the journal records it. Every event has a kind, a time,
// the environment it concerns (or empty), the session generation it happened
// in, a one-line summary for lists and a JSON payload with the details.
//
// Kinds and their payload fields (all optional unless noted):
//   optimizer-run      environment, trigger, depsAdded[], depsChanged[],
//                      bundles[] (the pre-bundle files of those deps),
//                      oldBrowserHash, newBrowserHash, durationMs, outcome, error
//   invalidation       environment, module, cause, chain[] (importers reached)
//   hmr                payload (the JSON sent), clients (count)
//   runner-cache-clear isolate, dropped[] (module ids), reason
//   request            method, path, status, durationMs, held (bool),
//                      replayed (bool), heldMs
//   error              message, module, file, line, column
//   stale-reference    environment, module, dependency, referencedHash,
//                      currentHash, or runner: transformHash vs graph etag
//   generation         from, to, reason (a new generation was committed)
//   security           method, target, status (400/403), reason: a file read
//                      the file policy refused (server/filePolicy.h)
#include <cstdint>
#include <string>

namespace sy {

struct JournalEvent {
    int64_t id = 0;              ///< assigned by the journal (1, 2, ...); 0 before
    int64_t timeMs = 0;          ///< ms since epoch; the journal fills it when 0
    std::string kind;            ///< see the list above
    std::string environment;     ///< "client" | "ssr" | "worker" | ""
    int64_t generation = 0;      ///< DevSession generation
    std::string summary;         ///< one line for lists and the timeline
    std::string dataJson = "{}"; ///< payload object, JSON text
};

} // namespace sy
