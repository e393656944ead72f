#include "timeline/timelineItem.h"

#include <QCoreApplication>

namespace sy {

QString timelineLaneName(TimelineLane lane)
{
    switch (lane) {
    case TimelineLane::Optimizer:
        return QCoreApplication::translate("sy::Timeline", "optimizer runs");
    case TimelineLane::Invalidations:
        return QCoreApplication::translate("sy::Timeline", "invalidations");
    case TimelineLane::Hmr:
        return QCoreApplication::translate("sy::Timeline", "HMR");
    case TimelineLane::Requests:
        return QCoreApplication::translate("sy::Timeline", "requests");
    case TimelineLane::Generations:
        return QCoreApplication::translate("sy::Timeline", "generations");
    case TimelineLane::Errors:
        return QCoreApplication::translate("sy::Timeline", "errors");
    }
    return {};
}

} // namespace sy
