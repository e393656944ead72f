#pragma once
// The mapping between time (ms since the epoch) and x (pixels) on the timeline.
#include <cstdint>

namespace sy {

/// Which time is at x = 0 and how many ms one pixel spans. A value type, so
/// the canvas, the ruler and tests share one piece of arithmetic: x =
/// (t - originMs) / msPerPixel. Scale is clamped to [kMinMsPerPixel,
/// kMaxMsPerPixel] (1 µs to 1 h per pixel).
class TimelineZoom {
public:
    static constexpr double kMinMsPerPixel = 0.001;
    static constexpr double kMaxMsPerPixel = 3600.0 * 1000.0;

    double originMs() const { return m_originMs; }
    double msPerPixel() const { return m_msPerPixel; }
    void setOriginMs(double ms) { m_originMs = ms; }
    void setMsPerPixel(double msPerPixel);

    double xForTime(double ms) const { return (ms - m_originMs) / m_msPerPixel; }
    double timeAtX(double x) const { return m_originMs + x * m_msPerPixel; }

    /// Zooms by `factor` (> 1 zooms in) keeping the time under `x` at `x`.
    void zoomAround(double x, double factor);
    /// Moves the view by `dx` pixels (positive: content moves right, earlier
    /// times come into view).
    void panByPixels(double dx) { m_originMs -= dx * m_msPerPixel; }
    /// Shows [fromMs, toMs] across `width` pixels with a small margin either
    /// side; an empty span shows 1 s around it.
    void fit(double fromMs, double toMs, double width);

private:
    double m_originMs = 0;
    double m_msPerPixel = 1;
};

} // namespace sy
