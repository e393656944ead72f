#pragma once
// Layered (Sugiyama) layout of module graphs with Graphviz's dot. Input and
// output are plain structs (no Qt models, no widgets), so a layout runs on any
// thread; Graphviz itself is not thread-safe, so layouts are serialized by a
// process-wide mutex (run them off the UI thread, e.g. with layoutAsync()).
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QVector>

#include <functional>

class QObject;

namespace sy {

/// One node to place: `lane` is its environment's band (0 client, 1 ssr,
/// 2 worker; any small non-negative int), `size` in view units.
struct LayoutNode {
    QString id;
    QString label;
    int lane = 0;
    QSizeF size{160, 36};
};

/// Edge kinds: an import (importer -> import, ranks the importer above) or a
/// twin link (worker virtual ssr node -> its ssr twin; never ranks).
enum class LayoutEdgeKind { Import, Twin };

/// An edge between two node indexes of GraphLayoutInput::nodes.
struct LayoutEdge {
    int from = 0;
    int to = 0;
    LayoutEdgeKind kind = LayoutEdgeKind::Import;
};

/// What to lay out and how.
struct GraphLayoutInput {
    QVector<LayoutNode> nodes;
    QVector<LayoutEdge> edges;
    /// Lanes: each lane is laid out on its own and the lanes are placed side
    /// by side (lane 0 leftmost); twin edges then join lanes. Otherwise one
    /// layout of everything (twin edges do not constrain ranks).
    bool lanes = false;
    double laneGap = 120;
    /// Route import edges as splines (Graphviz). Off: straight segments.
    bool routeEdges = true;
    /// Parts (lanes) with more nodes are laid out in "big graph" mode: no
    /// spline routing, layers computed by us (longest path) and pinned, and
    /// dot sees only edges between adjacent layers (no virtual nodes), with
    /// bounded crossing minimisation and network simplex iterations.
    int splineNodeLimit = 800;
};

/// Positions (node centres, view units, y grows downwards) and edge paths.
/// `edgePaths[i]` belongs to input edge i: cubic Bezier control points
/// (p0, c1, c2, p1, c3, c4, p2, ...) when routed, else two points.
struct GraphLayoutResult {
    QVector<QPointF> positions;
    QVector<QPolygonF> edgePaths;
    QVector<QRectF> laneRects; ///< bounds of each lane (lanes mode), by lane
    QRectF bounds;
    double milliseconds = 0;
    QString error; ///< empty on success
};

/// Lays `input` out with dot, blocking; thread-safe (serialized).
GraphLayoutResult layoutGraph(const GraphLayoutInput &input);

/// Runs layoutGraph() on the global QThreadPool and calls `done` on
/// `context`'s thread (queued) unless `context` was destroyed meanwhile.
void layoutAsync(GraphLayoutInput input, QObject *context,
                 std::function<void(GraphLayoutResult)> done);

} // namespace sy
