#include "timeline/timelineRowPacker.h"

#include <algorithm>

namespace sy {

int TimelineRowPacker::place(int64_t startMs, int64_t endMs)
{
    endMs = std::max(startMs, endMs);
    const bool instant = endMs == startMs;
    for (size_t r = 0; r < m_rows.size(); ++r) {
        Row &row = m_rows[r];
        const bool fits =
            row.endMs < startMs || (row.endMs == startMs && !instant && !row.endsWithInstant);
        if (fits) {
            // Every item of the row ended by row.endMs <= startMs <= endMs,
            // so endMs is the row's new latest end whatever the arrival order.
            row = {endMs, instant};
            return int(r);
        }
    }
    m_rows.push_back({endMs, instant});
    return int(m_rows.size()) - 1;
}

} // namespace sy
