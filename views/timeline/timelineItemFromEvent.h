#pragma once
// The mapping from journal events to timeline items (lane, span, label, colour).
#include "journal/journalEvent.h"
#include "timeline/timelineItem.h"

#include <optional>

namespace sy {

/// The timeline item for `event`, or nullopt for kinds the timeline does not
/// show (unknown kinds). Per kind (payload fields as in journalEvent.h):
///  - optimizer-run: lane Optimizer; the event is recorded at commit, so the
///    bar spans [time - durationMs, time]; label "env: +deps (old -> new)";
///    category = outcome ("committed", "reused-cache", "failed", "running");
///    modules = bundles[] (the pre-bundles it wrote for new and changed deps).
///  - invalidation: instant in Invalidations; modules = module + chain[].
///  - runner-cache-clear: instant in Invalidations; modules = dropped[].
///  - hmr: instant in Hmr; label and category "hmr-<payload.type>"; modules =
///    the paths of payload.updates[] and payload.path.
///  - request: lane Requests; the bar spans [time - durationMs - heldMs, time]
///    (held at the gate, then served); category "failed" (status >= 500 or 0),
///    else "replayed", else "held", else "ok".
///  - generation: instant in Generations, label "generation from -> to".
///  - error, stale-reference: instants in Errors; modules = module, file,
///    dependency, and the keys of dependencies{}.
/// A payload that is not a JSON object is treated as empty.
std::optional<TimelineItem> timelineItemFromEvent(const JournalEvent &event);

} // namespace sy
