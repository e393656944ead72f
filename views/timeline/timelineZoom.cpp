#include "timeline/timelineZoom.h"

#include <algorithm>

namespace sy {

void TimelineZoom::setMsPerPixel(double msPerPixel)
{
    m_msPerPixel = std::clamp(msPerPixel, kMinMsPerPixel, kMaxMsPerPixel);
}

void TimelineZoom::zoomAround(double x, double factor)
{
    if (factor <= 0)
        return;
    const double t = timeAtX(x);
    setMsPerPixel(m_msPerPixel / factor);
    m_originMs = t - x * m_msPerPixel;
}

void TimelineZoom::fit(double fromMs, double toMs, double width)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    double span = toMs - fromMs;
    if (span <= 0) {
        fromMs -= 500;
        span = 1000;
    }
    const double margin = span * 0.03;
    width = std::max(width, 1.0);
    setMsPerPixel((span + 2 * margin) / width);
    m_originMs = fromMs - margin;
}

} // namespace sy
