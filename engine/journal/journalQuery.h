#pragma once
// A filter over the journal's events, as Journal::query applies it in SQL.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace sy {

/// Which events Journal::query returns. Every set field narrows the result
/// (AND); unset fields do not filter. Results are always ordered by id
/// (recording order). Times are ms since the epoch, bounds inclusive.
struct JournalQuery {
    std::set<std::string> kinds;            ///< empty: every kind
    std::optional<std::string> environment; ///< exact match ("" = no environment)
    std::optional<int64_t> sinceMs;         ///< time_ms >= sinceMs
    std::optional<int64_t> untilMs;         ///< time_ms <= untilMs
    int64_t afterId = 0;                    ///< id > afterId (paging, tailing)
    int64_t limit = 0;                      ///< at most this many (the oldest first); 0: no limit
};

} // namespace sy
