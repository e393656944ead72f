#include "timeline/timelineCanvas.h"

#include "timeline/timelineModel.h"
#include "timeline/timelinePalette.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <vector>

namespace sy {

namespace {
constexpr double kInstantHalfWidth = 4;
constexpr double kZoomStep = 1.25;
constexpr int kDragThreshold = 3;
constexpr int kMinTickSpacing = 110;
} // namespace

void TimelineCanvas::updateHeaderWidth()
{
    int widest = 0;
    for (int lane = 0; lane < kTimelineLaneCount; ++lane)
        widest =
            std::max(widest, fontMetrics().horizontalAdvance(timelineLaneName(TimelineLane(lane)) +
                                                             QStringLiteral(" (999)")));
    m_headerWidth = std::max(130, widest + 16); // the name's 6 px inset and 10 px to the lane
}

void TimelineCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange) {
        updateHeaderWidth();
        update();
    }
    QWidget::changeEvent(event);
}

TimelineCanvas::TimelineCanvas(QWidget *parent) : QWidget(parent)
{
    m_laneVisible.fill(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAutoFillBackground(false);
    m_zoom.setMsPerPixel(10);
    updateHeaderWidth();
}

void TimelineCanvas::setModel(TimelineModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_selected = QPersistentModelIndex();
    m_fitted = false;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &TimelineCanvas::itemsChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &TimelineCanvas::itemsChanged);
        connect(model, &QAbstractItemModel::modelReset, this, &TimelineCanvas::itemsChanged);
    }
    itemsChanged();
}

void TimelineCanvas::setZoom(const TimelineZoom &zoom)
{
    m_zoom = zoom;
    m_fitted = true;
    emit zoomChanged();
    update();
}

double TimelineCanvas::xForTime(double ms) const
{
    return headerWidth() + m_zoom.xForTime(ms);
}

double TimelineCanvas::timeAtX(double x) const
{
    return m_zoom.timeAtX(x - headerWidth());
}

double TimelineCanvas::timeAreaWidth() const
{
    return std::max(1, width() - headerWidth());
}

void TimelineCanvas::setLaneVisible(TimelineLane lane, bool visible)
{
    m_laneVisible[size_t(lane)] = visible;
    updateGeometry();
    update();
}

void TimelineCanvas::setFilterText(const QString &text)
{
    m_filter = text.trimmed();
    update();
}

bool TimelineCanvas::isShown(const TimelineItem &item) const
{
    if (!m_laneVisible[size_t(item.lane)])
        return false;
    if (m_filter.isEmpty())
        return true;
    const auto has = [this](const QString &s) { return s.contains(m_filter, Qt::CaseInsensitive); };
    if (has(item.label) || has(item.kind) || has(item.category) || has(item.environment))
        return true;
    for (const QString &id : item.moduleIds)
        if (has(id))
            return true;
    return false;
}

int TimelineCanvas::laneRows(TimelineLane lane) const
{
    const int rows = m_model ? m_model->laneRowCount(lane) : 0;
    return std::clamp(rows, 1, m_maxLaneRows);
}

int TimelineCanvas::laneHeight(TimelineLane lane) const
{
    return m_laneVisible[size_t(lane)] ? laneRows(lane) * rowHeight() : 0;
}

void TimelineCanvas::setMaxLaneRows(int rows)
{
    m_maxLaneRows = std::max(1, rows);
    updateGeometry();
    update();
}

int TimelineCanvas::shownRow(const TimelineItem &item) const
{
    return std::clamp(item.row, 0, laneRows(item.lane) - 1);
}

int TimelineCanvas::totalLaneHeight() const
{
    int h = 0;
    for (int l = 0; l < kTimelineLaneCount; ++l)
        h += laneHeight(TimelineLane(l));
    return h;
}

int TimelineCanvas::laneTop(TimelineLane lane) const
{
    if (!m_laneVisible[size_t(lane)])
        return -1;
    int y = rulerHeight();
    for (int l = 0; l < int(lane); ++l)
        y += laneHeight(TimelineLane(l));
    return y;
}

QRect TimelineCanvas::laneRect(TimelineLane lane) const
{
    const int top = laneTop(lane);
    return top < 0 ? QRect() : QRect(0, top, width(), laneHeight(lane));
}

QRectF TimelineCanvas::itemRect(const TimelineItem &item) const
{
    const int top = laneTop(item.lane);
    if (top < 0)
        return {};
    const double y = top + shownRow(item) * rowHeight() + 3, h = rowHeight() - 6;
    const double x1 = xForTime(double(item.startMs));
    if (item.durationMs == 0)
        return QRectF(x1 - kInstantHalfWidth, y, 2 * kInstantHalfWidth, h);
    const double x2 = xForTime(double(item.endMs()));
    return QRectF(x1, y, std::max(2.0, x2 - x1), h);
}

QRectF TimelineCanvas::itemRect(const QModelIndex &index) const
{
    const TimelineItem *item = m_model ? m_model->itemAt(index) : nullptr;
    if (!item || !isShown(*item))
        return {};
    return itemRect(*item);
}

QModelIndex TimelineCanvas::itemAt(const QPoint &pos) const
{
    if (!m_model || pos.x() < headerWidth() || pos.y() < rulerHeight())
        return {};
    for (int l = 0; l < kTimelineLaneCount; ++l) {
        const TimelineLane lane = TimelineLane(l);
        const QRect rect = laneRect(lane);
        if (rect.isNull() || !rect.contains(pos))
            continue;
        const int laneRow = (pos.y() - rect.top()) / rowHeight();
        int best = -1;
        int64_t bestDuration = 0;
        for (int row = m_model->itemCount(lane) - 1; row >= 0; --row) {
            const TimelineItem &item = m_model->item(lane, row);
            if (shownRow(item) != laneRow || !isShown(item) ||
                !itemRect(item).adjusted(-1, 0, 1, 0).contains(pos))
                continue;
            if (best < 0 || item.durationMs < bestDuration) {
                best = row;
                bestDuration = item.durationMs;
                if (bestDuration == 0)
                    break;
            }
        }
        return best < 0 ? QModelIndex() : m_model->index(best, 0, m_model->laneIndex(lane));
    }
    return {};
}

void TimelineCanvas::setSelectedIndex(const QModelIndex &index)
{
    m_selected = index;
    update();
}

QSize TimelineCanvas::sizeHint() const
{
    return QSize(800, rulerHeight() + totalLaneHeight() + 4);
}

QSize TimelineCanvas::minimumSizeHint() const
{
    // Every shown lane whole: in a scroll area (TimelineView) they scroll
    // rather than being cut off at the bottom.
    return QSize(headerWidth() + 100, rulerHeight() + std::max(rowHeight(), totalLaneHeight()));
}

void TimelineCanvas::zoomIn()
{
    m_zoom.zoomAround(timeAreaWidth() / 2, kZoomStep);
    m_fitted = true;
    stopFollowing();
    emit zoomChanged();
    update();
}

void TimelineCanvas::zoomOut()
{
    m_zoom.zoomAround(timeAreaWidth() / 2, 1 / kZoomStep);
    m_fitted = true;
    stopFollowing();
    emit zoomChanged();
    update();
}

void TimelineCanvas::fitAll()
{
    if (!m_model || m_model->totalItems() == 0)
        return;
    const auto [lo, hi] = m_model->timeRange();
    m_zoom.fit(double(lo), double(hi), timeAreaWidth());
    m_fitted = true;
    emit zoomChanged();
    update();
}

void TimelineCanvas::setFollowNow(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (follow)
        followLatest();
    emit followNowChanged(follow);
}

void TimelineCanvas::stopFollowing()
{
    setFollowNow(false);
}

void TimelineCanvas::followLatest()
{
    if (!m_model || m_model->totalItems() == 0)
        return;
    const double hi = double(m_model->timeRange().second);
    m_zoom.setOriginMs(hi - timeAreaWidth() * 0.9 * m_zoom.msPerPixel());
    emit zoomChanged();
    update();
}

void TimelineCanvas::setCursorMs(qint64 ms)
{
    m_cursor = ms;
    update();
}

void TimelineCanvas::clearCursor()
{
    m_cursor.reset();
    update();
}

void TimelineCanvas::itemsChanged()
{
    const int total = totalLaneHeight();
    if (total != m_lastTotalHeight) { // a lane gained or lost a row
        m_lastTotalHeight = total;
        updateGeometry();
    }
    if (!m_fitted && m_model && m_model->totalItems() > 0)
        fitAll();
    if (m_follow)
        followLatest();
    update();
}

void TimelineCanvas::moveCursorTo(double x)
{
    const qint64 ms = qint64(std::llround(timeAtX(std::max<double>(x, headerWidth()))));
    m_cursor = ms;
    update();
    emit cursorMoved(ms);
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_pressPos = m_lastPos = pos;
    const bool onCursor = m_cursor && std::abs(pos.x() - xForTime(double(*m_cursor))) <= 3;
    if (pos.x() >= headerWidth() && (pos.y() < rulerHeight() || onCursor)) {
        m_drag = Drag::Cursor;
        moveCursorTo(pos.x());
    } else {
        m_drag = Drag::Pending;
    }
    event->accept();
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Cursor) {
        moveCursorTo(pos.x());
    } else if (m_drag == Drag::Pending && (pos - m_pressPos).manhattanLength() > kDragThreshold) {
        m_drag = Drag::Pan;
        stopFollowing();
    }
    if (m_drag == Drag::Pan) {
        m_zoom.panByPixels(pos.x() - m_lastPos.x());
        m_fitted = true;
        emit zoomChanged();
        update();
    }
    m_lastPos = pos;
    event->accept();
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_drag == Drag::Pending) {
        const QModelIndex index = itemAt(event->position().toPoint());
        setSelectedIndex(index);
        if (index.isValid())
            emit itemActivated(index);
    }
    m_drag = Drag::None;
    event->accept();
}

void TimelineCanvas::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if ((delta.y() == 0 && delta.x() == 0) || event->position().x() < headerWidth()) {
        event->ignore(); // over the lane names: the scroll area scrolls the lanes
        return;
    }
    stopFollowing();
    m_fitted = true;
    if ((event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y())) {
        m_zoom.panByPixels((delta.x() != 0 ? delta.x() : delta.y()) / 2.0);
    } else {
        const double x = std::max(0.0, event->position().x() - headerWidth());
        m_zoom.zoomAround(x, std::pow(kZoomStep, delta.y() / 120.0));
    }
    emit zoomChanged();
    update();
    event->accept();
}

void TimelineCanvas::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
    case Qt::Key_Right:
        stopFollowing();
        m_zoom.panByPixels((event->key() == Qt::Key_Left ? 1 : -1) * timeAreaWidth() / 10);
        emit zoomChanged();
        update();
        break;
    case Qt::Key_F:
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_End:
        setFollowNow(true);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_follow)
        followLatest();
}

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
            p.drawPolygon(QPolygonF({QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 8)}));
        }
    }
}

void TimelineCanvas::paintRuler(QPainter &p) const
{
    const QPalette &pal = palette();
    const QRect ruler(0, 0, width(), rulerHeight());
    p.fillRect(ruler, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, rulerHeight() - 1, width(), rulerHeight() - 1);
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
        p.drawLine(QPointF(x, rulerHeight() - 6), QPointF(x, rulerHeight() - 1));
        const QString label = QDateTime::fromMSecsSinceEpoch(qint64(t)).toString(format);
        p.drawText(QRectF(x + 3, 0, kMinTickSpacing - 6, rulerHeight() - 4),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p.fillRect(QRect(0, 0, headerWidth(), rulerHeight()), pal.color(QPalette::Window));
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
                    p.drawText(
                        text, Qt::AlignLeft | Qt::AlignVCenter,
                        p.fontMetrics().elidedText(item.label, Qt::ElideRight, int(text.width())));
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
