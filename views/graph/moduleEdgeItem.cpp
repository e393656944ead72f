#include "views/graph/moduleEdgeItem.h"

#include "views/graph/moduleNodeItem.h"

#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QStyleOptionGraphicsItem>

namespace sy {

namespace {
QPen edgePen(ModuleEdgeKind kind, bool highlighted)
{
    QPen pen(highlighted                    ? QColor(0x1d4ed8)
             : kind == ModuleEdgeKind::Twin ? QColor(0x9333ea)
                                            : QColor(0x94a3b8));
    pen.setCosmetic(true);
    // Thin cosmetic pens take the raster engine's fast line path; a wider
    // dashed one is dashed along its whole length, off-screen parts included
    // (the twin links crossing lanes cost 20 ms a frame at 1:1 that way).
    pen.setWidthF(highlighted ? 3.5 : 1);
    if (kind == ModuleEdgeKind::Twin)
        pen.setStyle(Qt::DashLine);
    return pen;
}
} // namespace

ModuleEdgeItem::ModuleEdgeItem(ModuleNodeItem *source, ModuleNodeItem *target, ModuleEdgeKind kind)
    : m_source(source), m_target(target), m_kind(kind)
{
    setPen(edgePen(kind, false));
    source->addEdge(this);
    target->addEdge(this);
    adjust();
}

void ModuleEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                           QWidget *widget)
{
    if (!m_highlighted &&
        option->levelOfDetailFromTransform(painter->worldTransform()) < kMinDetail)
        return;
    QGraphicsPathItem::paint(painter, option, widget);
}

void ModuleEdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setPen(edgePen(m_kind, highlighted));
}

void ModuleEdgeItem::adjust()
{
    QPointF a = m_source->pos();
    QPointF b = m_target->pos();
    if (m_kind == ModuleEdgeKind::Import) {
        a.ry() += ModuleNodeItem::kHeight / 2;
        b.ry() -= ModuleNodeItem::kHeight / 2;
    }
    QPainterPath path(a);
    path.lineTo(b);
    setPath(path);
}

void ModuleEdgeItem::setLayoutPath(const QPolygonF &points)
{
    if (points.size() < 2) {
        adjust();
        return;
    }
    if (points.size() == 2 || points.size() % 3 != 1) {
        if (points.size() == 2) { // an unrouted edge: keep to the boxes' sides
            adjust();
            return;
        }
        QPainterPath path(points.first());
        for (qsizetype i = 1; i < points.size(); ++i)
            path.lineTo(points[i]);
        setPath(path);
        return;
    }
    QPainterPath path(points.first());
    for (qsizetype i = 1; i + 2 < points.size(); i += 3)
        path.cubicTo(points[i], points[i + 1], points[i + 2]);
    setPath(path);
}

} // namespace sy
