#pragma once
// Post-mortem: a saved journal's events, and the engine state at a chosen time.
#include "journal/journalEvent.h"

#include <QString>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace sy {

class Journal;
class TimelineModel;

/// One environment's pre-bundles in force at a time.
struct ReplayEnvironmentState {
    QString browserHash; ///< newBrowserHash of its last committed optimizer run
    int64_t sinceMs = 0; ///< when that run committed (its event time)
    int64_t eventId = 0; ///< that optimizer-run event
};

/// What the journal says the engine looked like at `timeMs`.
struct ReplayState {
    int64_t timeMs = 0;
    /// The session generation (generations are session-wide: one generation
    /// is one set of all three environments' bundles).
    int64_t generation = 0;
    /// "client" | "ssr" | "worker" -> bundles in force (absent: no committed
    /// optimizer run yet at timeMs).
    std::map<QString, ReplayEnvironmentState> environments;
    /// Module ids invalidated and not re-transformed since (see JournalReplay).
    std::set<QString> pendingModules;
    /// Events at or before timeMs.
    int eventCount = 0;
};

/// A journal loaded for post-mortem scrubbing. Load it from a Journal opened
/// with Journal::openReadOnly (or any Journal), fill a TimelineModel with it,
/// then ask stateAt(T) as the user drags the timeline's cursor.
///
/// stateAt(T) replays the events whose time is <= T, in id order:
///  - generation: the largest of every event's generation field and of each
///    generation event's data.to (generations only grow).
///  - browserHash per environment: data.newBrowserHash of the last
///    optimizer-run with outcome "committed" or "reused-cache" (the event is
///    recorded when the run ends, so its time is the commit). Failed runs
///    change nothing.
///  - pending modules: an invalidation adds data.module and data.chain[];
///    a committed optimizer run clears the set (the graphs start afresh and
///    the hot updater re-crawls the entries); a successful request (status
///    200-399) for a module URL (a path with a file extension) removes the
///    pending ids that end with that path; a successful page or RSC request
///    (no extension) clears the set, since rendering re-transforms every
///    server module the page imports. Deliberately coarse: the journal has
///    no per-transform events.
/// Linear in the number of events per call (well under a millisecond per
/// thousand events).
class JournalReplay {
public:
    /// Reads every committed event of `journal`. False with `error` set when
    /// the query failed (the events read so far are kept).
    bool load(const Journal &journal, QString *error = nullptr);
    /// Opens `path` read-only and loads it.
    bool loadFile(const QString &path, QString *error = nullptr);
    /// Uses `events` (id order) directly.
    void setEvents(std::vector<JournalEvent> events);

    const std::vector<JournalEvent> &events() const { return m_events; }
    /// [earliest, latest] event time; {0, 0} when empty.
    std::pair<int64_t, int64_t> timeRange() const;

    /// Loads every event into `model`, raising its bound to hold them all.
    void fill(TimelineModel &model) const;

    /// The state at `timeMs` (see the class comment).
    ReplayState stateAt(int64_t timeMs) const;

private:
    std::vector<JournalEvent> m_events;
};

} // namespace sy
