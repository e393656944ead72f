#pragma once
// An edge of the graph scene: an import (importer -> import, solid) or a twin
// link (worker's virtual ssr node -> its ssr twin, dashed). An edge on a
// highlighted import chain is drawn bold.
#include <QGraphicsPathItem>
#include <QPolygonF>

namespace sy {

class ModuleNodeItem;

/// Kinds of edges the scene draws.
enum class ModuleEdgeKind { Import, Twin };

/// Edge between two node items; follows them when they move (straight
/// segment) and takes the layout's routed path when given one.
class ModuleEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };
    /// Below this scale edges are not drawn (thousands of sub-pixel lines
    /// cost a frame and show nothing), except a highlighted chain's.
    static constexpr qreal kMinDetail = 0.2;

    ModuleEdgeItem(ModuleNodeItem *source, ModuleNodeItem *target, ModuleEdgeKind kind);

    ModuleNodeItem *source() const { return m_source; }
    ModuleNodeItem *target() const { return m_target; }
    ModuleEdgeKind kind() const { return m_kind; }

    /// Straight segment from the source's bottom to the target's top.
    void adjust();
    /// Routed path from the layout: cubic Bezier control points
    /// (p0, c1, c2, p1, ...) or a plain polyline when not 3n+1 points.
    void setLayoutPath(const QPolygonF &points);

    /// Which applied layout last gave this edge its path (see
    /// ModuleGraphScene); 0: none yet.
    quint64 laidOutBy() const { return m_laidOutBy; }
    void setLaidOutBy(quint64 layout) { m_laidOutBy = layout; }

    /// Part of a highlighted import chain ("why is this here?"): bold, blue.
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

    int type() const override { return Type; }
    /// Draws the path unless the view is zoomed out below kMinDetail.
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ModuleNodeItem *m_source;
    ModuleNodeItem *m_target;
    ModuleEdgeKind m_kind;
    bool m_highlighted = false;
    quint64 m_laidOutBy = 0;
};

} // namespace sy
