#pragma once
// Whether a rendered widget or screenshot shows something: the number of
// distinct colours on a sampling grid (a blank surface has one or two).
#include <QImage>
#include <QSet>

namespace sy::test {

inline int distinctColours(const QImage &image, int step = 7)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace sy::test
