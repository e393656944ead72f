#pragma once
// JournalEvent <-> JSON, as `switchyard journal --json` prints it.
#include "journal/journalEvent.h"

#include <nlohmann/json_fwd.hpp>

namespace sy {

/// {"id", "timeMs", "kind", "environment", "generation", "summary", "data"}
/// with data as a JSON value (the payload object); payload text that does not
/// parse becomes {"invalidJson": "<text>"}.
nlohmann::json journalEventToJson(const JournalEvent &event);

/// The inverse; missing fields keep JournalEvent's defaults. Throws
/// nlohmann::json::exception on wrongly typed fields.
JournalEvent journalEventFromJson(const nlohmann::json &json);

} // namespace sy
