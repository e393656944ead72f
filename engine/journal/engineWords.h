#pragma once
// The engine's words in the user's language. The engine records its events and
// module states in English (journal summaries, optimizer outcomes and triggers,
// invalidation states: the journal and the CLI keep them as they are); the
// dashboard shows them through these functions, which translate the phrases the
// engine composes (context "sy::EngineWords") and keep the data inside them
// (paths, module ids, package names, hashes, counts) as it is. Anything else
// (an esbuild or V8 error message) is shown unchanged.
#include <QString>

namespace sy {

/// One engine word: an optimizer outcome ("running", "committed", "reused-cache",
/// "failed"), an event kind ("optimizer-run", "invalidation", "hmr", ...), an optimizer trigger
/// ("initial scan", "lockfile changed", "discovered <packages>"), an invalidation state ("none",
/// "soft", "hard"). Unknown words come back unchanged.
QString engineWord(const QString &word);

/// A journal event's summary as the dashboard shows it (events list, timeline
/// details): "reused-cache: initial scan" -> "Cache wiederverwendet: erster Scan".
QString engineSummary(const QString &summary);

} // namespace sy
