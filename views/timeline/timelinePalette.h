#pragma once
// Colours of the timeline's categories.
#include <QColor>
#include <QString>

namespace sy {

/// The fill colour for a TimelineItem::category: greens for work that went
/// well (committed, ok), ambers for waiting (held, replayed, reused-cache),
/// reds for failures (failed, error, stale-reference, hmr-error), blues and
/// purples for the rest (invalidations, HMR, generations). Unknown categories
/// get a stable colour derived from their name.
QColor timelineColor(const QString &category);

} // namespace sy
