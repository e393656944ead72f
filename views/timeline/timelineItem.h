#pragma once
// One bar (or tick) on the timeline, derived from one journal event.
#include <QString>
#include <QStringList>
#include <cstdint>

namespace sy {

/// The timeline's rows, top to bottom. Every journal kind maps to one lane
/// (timelineItemFromEvent): optimizer-run -> Optimizer; invalidation and
/// runner-cache-clear -> Invalidations; hmr -> Hmr; request -> Requests;
/// generation -> Generations; error and stale-reference -> Errors.
enum class TimelineLane { Optimizer, Invalidations, Hmr, Requests, Generations, Errors };

/// Number of lanes (TimelineLane values are 0 .. kTimelineLaneCount - 1).
inline constexpr int kTimelineLaneCount = 6;

/// The translated name of `lane` ("optimizer runs", "invalidations", ...).
QString timelineLaneName(TimelineLane lane);

/// What the timeline shows for one journal event. Times are ms since the
/// epoch, like JournalEvent::timeMs. An event recorded when something ended
/// (optimizer runs, requests) starts durationMs before its event time.
struct TimelineItem {
    int64_t eventId = 0;    ///< the journal event's id
    int64_t startMs = 0;    ///< where the bar starts
    int64_t durationMs = 0; ///< 0: an instant (drawn as a tick)
    int64_t heldMs = 0;     ///< requests: the first heldMs of the bar waited at the gate
    TimelineLane lane = TimelineLane::Errors;
    QString label;          ///< short text drawn on the bar
    QString category;       ///< colour category ("committed", "failed", "held", ...)
    QString kind;           ///< the journal kind ("optimizer-run", ...)
    QString environment;    ///< "client" | "ssr" | "worker" | ""
    int64_t generation = 0; ///< the event's generation
    QString summary;        ///< the event's one-line summary
    QString dataJson;       ///< the event's payload (JSON text)
    QStringList moduleIds;  ///< modules involved, for selecting them in the graph
    int row = 0; ///< row within its lane where overlapping items stack (set by TimelineModel)

    int64_t endMs() const { return startMs + durationMs; }
};

} // namespace sy
