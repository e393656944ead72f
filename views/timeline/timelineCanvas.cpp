#include "timeline/timelineCanvas.h"

#include "timeline/timelineModel.h"
#include "timeline/timelinePalette.h"
#include "views/graph/moduleIdText.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace sy {

namespace {
constexpr double kInstantHalfWidth = 4;
constexpr double kZoomStep = 1.25;
constexpr int kDragThreshold = 3;
constexpr int kToolTipModules = 8; // modules listed in a tooltip, then "+N"
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

int TimelineCanvas::rulerTop() const
{
    // Inside a scroll area the canvas is moved up by what is scrolled away.
    return parentWidget() ? std::clamp(-y(), 0, std::max(0, height() - rulerHeight())) : 0;
}

void TimelineCanvas::setProjectRoot(const QString &root)
{
    if (m_root == root)
        return;
    m_root = root;
    update();
}

QString TimelineCanvas::shownLabel(const TimelineItem &item) const
{
    return textWithRelativeIds(item.label, m_root);
}

QString TimelineCanvas::toolTipFor(const TimelineItem &item) const
{
    QStringList lines{shownLabel(item)};
    const QString summary = textWithRelativeIds(item.summary, m_root);
    if (!summary.isEmpty() && summary != lines.first())
        lines << summary;
    QStringList modules;
    for (const QString &id : item.moduleIds.mid(0, kToolTipModules))
        modules << moduleIdText(id, m_root);
    if (item.moduleIds.size() > kToolTipModules)
        modules << tr("+%n more", nullptr, int(item.moduleIds.size() - kToolTipModules));
    if (!modules.isEmpty())
        lines << tr("Modules: %1").arg(modules.join(QLatin1String(", ")));
    return lines.join(QLatin1Char('\n'));
}

bool TimelineCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = itemAt(help->pos());
        const TimelineItem *item = m_model ? m_model->itemAt(index) : nullptr;
        if (item)
            QToolTip::showText(help->globalPos(), toolTipFor(*item), this,
                               itemRect(index).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TimelineCanvas::moveEvent(QMoveEvent *event)
{
    QWidget::moveEvent(event);
    update(); // scrolled vertically: the pinned ruler moves with the view
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
    if (!m_model || pos.x() < headerWidth() || pos.y() < rulerTop() + rulerHeight())
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

void TimelineCanvas::zoomAt(double x, double factor)
{
    if (m_follow && m_model && m_model->totalItems() > 0)
        x = m_zoom.xForTime(double(m_model->timeRange().second)); // around "now"
    m_zoom.zoomAround(x, factor);
    m_fitted = true;
    if (m_follow)
        followLatest(); // "now" stays where following keeps it
    emit zoomChanged();
    update();
}

void TimelineCanvas::zoomIn()
{
    zoomAt(timeAreaWidth() / 2, kZoomStep);
}

void TimelineCanvas::zoomOut()
{
    zoomAt(timeAreaWidth() / 2, 1 / kZoomStep);
}

void TimelineCanvas::followAfterPan(double dx)
{
    if (dx > 0) { // back in time
        stopFollowing();
        return;
    }
    if (dx < 0 && !m_follow && m_model && m_model->totalItems() > 0 &&
        xForTime(double(m_model->timeRange().second)) <= width())
        setFollowNow(true); // caught up with "now"
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
    const bool onRuler = pos.y() >= rulerTop() && pos.y() < rulerTop() + rulerHeight();
    if (pos.x() >= headerWidth() && (onRuler || onCursor)) {
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
    }
    if (m_drag == Drag::Pan && pos.x() != m_lastPos.x()) {
        m_zoom.panByPixels(pos.x() - m_lastPos.x());
        m_fitted = true;
        followAfterPan(pos.x() - m_lastPos.x());
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
    m_fitted = true;
    if ((event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y())) {
        const double dx = (delta.x() != 0 ? delta.x() : delta.y()) / 2.0;
        m_zoom.panByPixels(dx);
        followAfterPan(dx);
        emit zoomChanged();
        update();
    } else {
        const double x = std::max(0.0, event->position().x() - headerWidth());
        zoomAt(x, std::pow(kZoomStep, delta.y() / 120.0));
    }
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
    case Qt::Key_Right: {
        const double dx = (event->key() == Qt::Key_Left ? 1 : -1) * timeAreaWidth() / 10;
        m_zoom.panByPixels(dx);
        m_fitted = true;
        followAfterPan(dx);
        emit zoomChanged();
        update();
        break;
    }
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

} // namespace sy
