#include "timeline/timelinePalette.h"

#include <QHash>

namespace sy {

QColor timelineColor(const QString &category)
{
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("committed"), QColor(0x3c, 0xa0, 0x5a)},
        {QStringLiteral("running"), QColor(0x8f, 0xc9, 0x9e)},
        {QStringLiteral("reused-cache"), QColor(0xa8, 0xb8, 0x50)},
        {QStringLiteral("failed"), QColor(0xd0, 0x3c, 0x3c)},
        {QStringLiteral("ok"), QColor(0x5a, 0x9b, 0xd5)},
        {QStringLiteral("held"), QColor(0xe6, 0xa1, 0x2e)},
        {QStringLiteral("replayed"), QColor(0xe0, 0x7b, 0x26)},
        {QStringLiteral("invalidation"), QColor(0x8e, 0x6b, 0xc9)},
        {QStringLiteral("runner-cache-clear"), QColor(0xb0, 0x86, 0xd6)},
        {QStringLiteral("hmr-update"), QColor(0x2e, 0xa8, 0xa8)},
        {QStringLiteral("hmr-custom"), QColor(0x2e, 0x8f, 0xc0)},
        {QStringLiteral("hmr-full-reload"), QColor(0xd9, 0x8c, 0x1f)},
        {QStringLiteral("hmr-error"), QColor(0xc8, 0x32, 0x32)},
        {QStringLiteral("generation"), QColor(0x4a, 0x5a, 0xa8)},
        {QStringLiteral("error"), QColor(0xe0, 0x2f, 0x2f)},
        {QStringLiteral("stale-reference"), QColor(0xb0, 0x1e, 0x68)},
    };
    const auto it = colors.constFind(category);
    if (it != colors.constEnd())
        return *it;
    return QColor::fromHsv(int(qHash(category) % 360), 110, 190);
}

} // namespace sy
