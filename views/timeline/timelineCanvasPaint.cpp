// TimelineCanvas's painting: the lanes with their items, the pinned time
// ruler and the cursor (the rest of the class: timelineCanvas.cpp).
#include "timeline/timelineCanvas.h"

#include "timeline/timelineModel.h"
#include "timeline/timelinePalette.h"

#include <QDateTime>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <vector>

namespace sy {

namespace {
constexpr int kMinTickSpacing = 110; // px between ruler ticks, at least
} // namespace

void TimelineCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    for (int l = 0; l < kTimelineLaneCount; ++l)
        paintLane(p, TimelineLane(l));
    paintRuler(p);
    if (m_cursor) {
        const double x = xForTime(double(*m_cursor));
        if (x >= headerWidth() && x <= width()) {
            p.setPen(QPen(QColor(0xd0, 0x20, 0x20), 1.5));
            p.drawLine(QPointF(x, 0), QPointF(x, height()));
            p.setBrush(QColor(0xd0, 0x20, 0x20));
            const double top = rulerTop();
            p.drawPolygon(
                QPolygonF({QPointF(x - 5, top), QPointF(x + 5, top), QPointF(x, top + 8)}));
        }
    }
}

void TimelineCanvas::paintRuler(QPainter &p) const
{
    const QPalette &pal = palette();
    const int top = rulerTop(); // pinned while the lanes scroll under it
    const QRect ruler(0, top, width(), rulerHeight());
    p.fillRect(ruler, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, top + rulerHeight() - 1, width(), top + rulerHeight() - 1);
    // A "nice" step (1, 2, 5 x 10^k ms) at least kMinTickSpacing pixels apart.
    const double minStep = m_zoom.msPerPixel() * kMinTickSpacing;
    double step = std::pow(10.0, std::floor(std::log10(std::max(minStep, 1e-6))));
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (step * f >= minStep) {
            step *= f;
            break;
        }
    const double from = timeAtX(headerWidth()), to = timeAtX(width());
    const QString format =
        step >= 1000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm:ss.zzz");
    p.setPen(pal.color(QPalette::WindowText));
    for (double t = std::ceil(from / step) * step; t <= to; t += step) {
        const double x = xForTime(t);
        p.drawLine(QPointF(x, top + rulerHeight() - 6), QPointF(x, top + rulerHeight() - 1));
        const QString label = QDateTime::fromMSecsSinceEpoch(qint64(t)).toString(format);
        p.drawText(QRectF(x + 3, top, kMinTickSpacing - 6, rulerHeight() - 4),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p.fillRect(QRect(0, top, headerWidth(), rulerHeight() - 1), pal.color(QPalette::Window));
}

void TimelineCanvas::paintLane(QPainter &p, TimelineLane lane) const
{
    const QRect row = laneRect(lane);
    if (row.isNull())
        return;
    const QPalette &pal = palette();
    p.fillRect(row, int(lane) % 2 ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Midlight));
    p.drawLine(row.bottomLeft(), row.bottomRight());

    if (m_model) {
        p.save();
        p.setClipRect(QRect(headerWidth(), row.top(), width() - headerWidth(), row.height()));
        const double left = headerWidth(), right = width();
        // Bars first, then instants on top (matching itemAt's preference).
        std::vector<double> lastPixel(size_t(laneRows(lane)));
        for (int pass = 0; pass < 2; ++pass) {
            std::fill(lastPixel.begin(), lastPixel.end(), -1e9);
            for (int i = 0; i < m_model->itemCount(lane); ++i) {
                const TimelineItem &item = m_model->item(lane, i);
                if ((item.durationMs == 0) != (pass == 1) || !isShown(item))
                    continue;
                const QRectF r = itemRect(item);
                if (r.right() < left || r.left() > right)
                    continue;
                // Sub-pixel bars at the same pixel as the previous one of
                // their row add nothing.
                double &last = lastPixel[size_t(shownRow(item))];
                if (r.width() <= 2 && std::floor(r.left()) == last)
                    continue;
                last = std::floor(r.left());
                const QColor color = timelineColor(item.category);
                const bool selected = m_selected.isValid() && m_model->itemAt(m_selected) == &item;
                if (item.durationMs == 0) {
                    const double cx = r.center().x();
                    p.setPen(selected ? QPen(pal.color(QPalette::Highlight), 2)
                                      : QPen(color.darker(140), 1));
                    p.setBrush(color);
                    p.drawPolygon(
                        QPolygonF({QPointF(cx, r.top()), QPointF(r.right(), r.center().y()),
                                   QPointF(cx, r.bottom()), QPointF(r.left(), r.center().y())}));
                    continue;
                }
                p.fillRect(r, color);
                if (item.heldMs > 0) {
                    QRectF held = r;
                    held.setWidth(std::min(r.width(), item.heldMs / m_zoom.msPerPixel()));
                    p.fillRect(held, QBrush(color.darker(150), Qt::BDiagPattern));
                }
                if (selected) {
                    p.setPen(QPen(pal.color(QPalette::Highlight), 2));
                    p.setBrush(Qt::NoBrush);
                    p.drawRect(r.adjusted(1, 1, -1, -1));
                }
                if (r.width() > 30) {
                    p.setPen(color.lightness() > 140 ? Qt::black : Qt::white);
                    const QRectF text =
                        r.adjusted(3, 0, -3, 0)
                            .intersected(QRectF(left + 2, r.top(), right - left - 4, r.height()));
                    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                               p.fontMetrics().elidedText(shownLabel(item), Qt::ElideRight,
                                                          int(text.width())));
                }
            }
        }
        p.restore();
    }
    p.fillRect(QRect(0, row.top(), headerWidth(), row.height() - 1), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    QString name = timelineLaneName(lane);
    if (m_model)
        name += QStringLiteral(" (%1)").arg(m_model->itemCount(lane));
    p.drawText(QRect(6, row.top(), headerWidth() - 10, rowHeight()),
               Qt::AlignLeft | Qt::AlignVCenter, name);
    const int hiddenRows = m_model ? m_model->laneRowCount(lane) - laneRows(lane) : 0;
    if (hiddenRows > 0) // further rows are drawn in the last one
        p.drawText(QRect(6, row.bottom() - rowHeight() + 1, headerWidth() - 10, rowHeight()),
                   Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("+%1").arg(hiddenRows));
}

} // namespace sy
