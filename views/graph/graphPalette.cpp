#include "views/graph/graphPalette.h"

#include "views/graph/moduleNodeItem.h"

namespace sy {

GraphPalette GraphPalette::from(const QPalette &palette)
{
    // Every node asks on every paint: the last palette's colours are kept
    // (cacheKey changes whenever a palette does).
    static thread_local qint64 lastKey = -1;
    static thread_local GraphPalette last;
    if (palette.cacheKey() == lastKey)
        return last;
    GraphPalette p;
    p.dark = palette.color(QPalette::Window).lightness() <
             palette.color(QPalette::WindowText).lightness();
    if (p.dark) {
        p.background = palette.color(QPalette::Base);
        if (p.background.lightness() > 80) // a theme whose base is not dark
            p.background = QColor(0x1e, 0x22, 0x28);
        p.text = QColor(0xf1, 0xf5, 0xf9);
        p.laneTitle = QColor(0xcb, 0xd5, 0xe1);
        p.border = QColor(0x94, 0xa3, 0xb8);
        p.halo = QColor(0x0f, 0x17, 0x2a, 220);
    } else {
        p.background = QColor(0xfa, 0xfa, 0xfa);
        p.text = Qt::black;
        p.laneTitle = QColor(0x47, 0x55, 0x69);
        p.border = QColor(0x64, 0x74, 0x8b);
        p.halo = QColor(0xff, 0xff, 0xff, 225);
    }
    lastKey = palette.cacheKey();
    last = p;
    return p;
}

QColor GraphPalette::nodeFill(const QString &environment) const
{
    const QColor light = environmentColor(environment);
    if (!dark)
        return light;
    // The same hue, dark enough for light text.
    return QColor::fromHslF(light.hslHueF() < 0 ? 0 : light.hslHueF(),
                            std::min(0.55f, light.hslSaturationF()), 0.26f);
}

QColor GraphPalette::laneFill(const QString &environment) const
{
    const QColor light = environmentColor(environment);
    if (!dark)
        return light.lighter(106);
    return QColor::fromHslF(light.hslHueF() < 0 ? 0 : light.hslHueF(),
                            std::min(0.35f, light.hslSaturationF()), 0.16f);
}

} // namespace sy
