#pragma once
// Stacks a lane's overlapping items into rows, as Qt Creator's timeline does.
#include <cstdint>
#include <vector>

namespace sy {

/// Assigns rows to the items of one lane so that items in the same row never
/// overlap: each item goes into the first row whose last item ended before
/// it starts, or into a new row. Incremental and order-free: it keeps only
/// each row's latest end (and whether that item was an instant), so placing
/// an item costs O(rows) and never moves an item placed before.
///
/// Overlap: items touching end-to-start share a row, except instants
/// (zero-length items, drawn as ticks wider than their time span): an
/// instant at the very time another item ends, or an item starting at an
/// instant, goes into a row of its own.
class TimelineRowPacker {
public:
    /// Places the item [startMs, endMs] (endMs >= startMs; equal for an
    /// instant) and returns its row (0-based).
    int place(int64_t startMs, int64_t endMs);
    /// Rows used so far (0 before the first place()).
    int rowCount() const { return int(m_rows.size()); }
    /// Forgets every row.
    void clear() { m_rows.clear(); }

private:
    struct Row {
        int64_t endMs;
        bool endsWithInstant;
    };
    std::vector<Row> m_rows;
};

} // namespace sy
