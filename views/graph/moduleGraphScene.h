#pragma once
// The graph scene over a module graph model: one node item per row, import
// edges and twin links, kept in step with the model row by row. Layouts run
// off the UI thread, debounced; new nodes appear near their importer until
// the next layout lands.
#include "views/graph/graphLabelPlacement.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <array>

class QAbstractItemModel;
class QGraphicsView;
class QVariantAnimation;

namespace sy {

class ModuleNodeItem;
class ModuleEdgeItem;
struct ModuleNodeState;
struct GraphLayoutResult;

/// Scene over any model with ModuleGraphModel's roles and columns (usually a
/// ModuleGraphFilterModel). Node keys are moduleKey(environment, id).
class ModuleGraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit ModuleGraphScene(QObject *parent = nullptr);
    ~ModuleGraphScene() override;

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }

    /// Lanes: client, ssr and worker side by side, each in its own band.
    void setLanes(bool lanes);
    bool lanes() const { return m_lanes; }

    /// Debounce of re-layouts after changes (default 200 ms).
    void setLayoutDelay(int ms) { m_layoutTimer.setInterval(ms); }
    /// Layouts of up to this many nodes animate into place (default 600);
    /// bigger ones jump there in time-budgeted slices, unpainted until done.
    void setAnimationLimit(int nodes) { m_animationLimit = nodes; }

    ModuleNodeItem *node(const QString &key) const { return m_nodes.value(key); }
    ModuleNodeItem *node(const QString &environment, const QString &id) const;
    int nodeCount() const { return int(m_nodes.size()); }
    int edgeCount() const { return m_edgeCount; }
    QList<ModuleNodeItem *> nodes() const { return m_nodes.values(); }

    /// First node whose id or display name (a framework module's,
    /// "rwsdk/__state") matches `text` (exact, then ending with it, then
    /// containing it, case-insensitive); nullptr if none.
    ModuleNodeItem *find(const QString &text) const;
    /// Bounds of every node (what fitting the view shows): read from the
    /// nodes' positions, without walking every item of the scene as
    /// itemsBoundingRect() does.
    QRectF nodesBoundingRect() const;
    /// Selects exactly these nodes (keys); one selectionChanged() when the
    /// selection changed.
    void selectKeys(const QStringList &keys);

    /// Highlights an import chain (keys, importer first): selects its nodes
    /// and draws the edges between consecutive ones bold. Chain nodes that
    /// come into the scene later (a filter lifted) join the highlight. It ends
    /// when the selection becomes anything else, or with clearChain().
    void highlightChain(const QStringList &keys);
    void clearChain();
    /// The highlighted chain (keys); empty when none.
    const QStringList &highlightedChain() const { return m_chain; }

    /// True while a layout is computing, waiting, or being applied (nodes
    /// still animating or moving in slices).
    bool layoutPending() const;
    /// Lays out now (still off the UI thread) instead of after the debounce.
    void relayoutNow();
    /// Last applied layout's lane rectangles (by lane: client, ssr, worker).
    const QVector<QRectF> &laneRects() const { return m_laneRects; }
    /// Shows or hides the edges at once (a highlighted chain's stay): the
    /// view hides them when zoomed out below ModuleEdgeItem::kMinDetail,
    /// where they would show nothing, so frames never walk thousands of them.
    /// Edges show only once a layout placed the nodes.
    void setEdgesShown(bool shown);
    bool edgesShown() const { return m_edgesShown; }
    /// Lane index of an environment (client 0, ssr 1, worker 2, others 3).
    static int laneOf(const QString &environment);

    /// The app's root folder: tooltips show ids relative to it, as Vite
    /// does (moduleIdText); empty: ids as they are.
    void setProjectRoot(const QString &root);
    const QString &projectRoot() const { return m_root; }

    /// On-screen pixels kept above the nodes for the lane titles and around
    /// them when the view fits the graph (ModuleGraphView::fitAll).
    static constexpr qreal kLaneTitlePixels = 15;
    static constexpr qreal kFitTopPixels = 40;
    static constexpr qreal kFitMarginPixels = 18;

    /// Far out, graphs of up to this many nodes label every node; bigger
    /// ones only the selected nodes, packages and framework modules.
    static constexpr int kAllLabelsUpTo = 400;
    /// A node's label may have changed (its text, rank or position; it was
    /// selected or deselected): the far-out label placement is redone at the
    /// next paint when the node is, or was, one of its candidates. Nodes
    /// call it themselves (ModuleNodeItem::setState, setLabel, itemChange).
    void noteLabelChange(const ModuleNodeItem *node);
    /// Counts changes of the far-out labels' candidates (GraphLabelPlacement::Key).
    quint64 labelGeneration() const { return m_labelGeneration; }
    /// The far-out labels as last placed (what the view shows far out).
    const GraphLabelPlacement &labelPlacement() const { return m_labels; }

signals:
    /// A layout was computed (`milliseconds` off the UI thread) and applied.
    void layoutApplied(double milliseconds);

protected:
    /// The canvas (system palette) and, in lanes, each lane's band and its
    /// title at a fixed on-screen size.
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    /// Level of detail: when nodes are too small on screen for labels in
    /// their boxes, the labels of the nodes that matter (selected, package
    /// groups, framework modules, then the others while they fit) are drawn
    /// over the graph at a fixed on-screen size, never overlapping. Placed
    /// once per transform, viewport and label generation
    /// (GraphLabelPlacement); a partial repaint draws the chips it exposes.
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void rebuild();
    void addLayers();
    void updateEdgeLayers();
    void syncRows(int first, int last);
    void syncRow(int row);
    void removeRows(int first, int last);
    void removeNode(const QString &key);
    ModuleNodeState stateOf(int row) const;
    void setTargets(ModuleNodeItem *node, const QHash<QString, int> &targets);
    void connectEdge(ModuleNodeItem *source, ModuleNodeItem *target, int kind);
    void placeNear(ModuleNodeItem *node);
    void scheduleLayout();
    void startLayout();
    void applyLayout(const GraphLayoutResult &result, const QStringList &keys,
                     const QVector<QPair<int, int>> &edges);
    ModuleEdgeItem *edgeBetween(const QString &source, const QString &target) const;
    void moveStep(qreal t);
    /// Labels every node named `baseName` again (same-named files told apart).
    void relabel(const QString &baseName);
    void selectionChangedByUser();
    bool labelsEveryNode() const { return m_nodes.size() <= kAllLabelsUpTo; }
    QVector<LabelCandidate> labelCandidates() const;
    bool onChain(const QString &source, const QString &target) const;

    QPointer<QAbstractItemModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    QHash<QString, ModuleNodeItem *> m_nodes;
    /// Parents of the edges (below, by their source) and of the nodes
    /// (above), a share each by key hash; a highlighted chain's edges between.
    static constexpr int kLayers = 16;
    static int layerOf(const QString &key) { return int(qHash(key) % kLayers); }
    std::array<QGraphicsItem *, kLayers> m_edgeLayers{};
    std::array<QGraphicsItem *, kLayers> m_nodeLayers{};
    QGraphicsItem *m_chainLayer = nullptr;
    bool m_edgesShown = true;
    bool m_laidOut = false; ///< a layout placed the nodes since the last rebuild
    /// Wanted edges, by target: target key -> (source key -> kind). Kept for
    /// targets not (yet) shown so edges appear when they do.
    QHash<QString, QHash<QString, int>> m_wanted;
    /// Edges each source wants: source key -> (target key -> kind).
    QHash<QString, QHash<QString, int>> m_targets;
    int m_edgeCount = 0;
    QStringList m_chain;
    bool m_selectingChain = false;
    bool m_lanes = false;
    int m_animationLimit = 600;

    QTimer m_layoutTimer;
    bool m_layoutRunning = false;
    bool m_layoutDirty = false;
    quint64 m_layoutGeneration = 0;
    QVector<QRectF> m_laneRects;

    // Applying a layout: small graphs animate, big ones move in slices so the
    // UI thread never stalls.
    QVariantAnimation *m_animation = nullptr;
    QTimer m_sliceTimer;
    /// The layout being applied: node keys (by layout index), the edges as
    /// index pairs, and the result (positions and paths by those indexes).
    /// Kept as they came back from the layout thread: nothing is copied or
    /// looked up for all of them at once.
    struct Applying {
        QStringList keys;
        QVector<QPair<int, int>> edges;
        QVector<QPointF> positions;
        QVector<QPolygonF> edgePaths;
        QVector<QPointF> from; ///< animated layouts: where each node started
    };
    Applying m_applying;
    void sliceStep();
    void finishApply();
    /// While a big layout is applied in slices the views do not repaint;
    /// they repaint once when it is applied (or abandoned).
    void setViewUpdatesSuspended(bool suspended);
    bool m_viewUpdatesSuspended = false;
    struct SuspendedView {
        QPointer<QGraphicsView> view;
        int mode;
    };
    QVector<SuspendedView> m_suspendedViews;
    qsizetype m_moveAt = 0;
    qsizetype m_pathAt = 0;
    qsizetype m_fixAt = 0;        ///< edges of moved nodes the layout did not know
    quint64 m_appliedLayouts = 0; ///< counts applied layouts (ModuleEdgeItem::laidOutBy)
    double m_lastLayoutMs = 0;
    QHash<int, QPointF> m_spawn; ///< where new unconnected nodes of a lane go
    QString m_root;
    QMultiHash<QString, ModuleNodeItem *> m_byName; ///< modules by moduleBaseName
    /// Package groups and framework modules: the labels drawn first far out
    /// (a frame walks these, not every node).
    QSet<ModuleNodeItem *> m_matter;
    /// The far-out labels, and the generation their candidates are at.
    GraphLabelPlacement m_labels;
    quint64 m_labelGeneration = 0;
};

} // namespace sy
