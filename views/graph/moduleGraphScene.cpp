#include "views/graph/moduleGraphScene.h"

#include "graph/moduleGraphModel.h"
#include "views/graph/graphLayout.h"
#include "views/graph/graphPalette.h"
#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGroupModel.h"
#include "views/graph/moduleIdText.h"
#include "views/graph/moduleNodeItem.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QGraphicsView>
#include <QGuiApplication>
#include <QPainter>
#include <QScopedValueRollback>
#include <QVariantAnimation>

#include <limits>

namespace sy {

namespace {
constexpr qint64 kSliceBudgetNs = 3'000'000; ///< UI-thread time per slice (the scene's
                                             ///< pass over what it moved costs as much again)
constexpr int kCheckEvery = 32;              ///< items between clock reads
const QString kTwinEnvironment = QStringLiteral("ssr");

/// Parent of a share of the edges or nodes, or of a highlighted chain's
/// edges. Thousands of top-level items cost a sort of all of them (insertion
/// order, then stacking order) after every paint that follows an added item;
/// children of one parent with equal z keep their order, so adding one is
/// cheap. And the scene's pass over dirty items walks every child of a parent
/// with a dirty child: kLayers shares keep that walk to a share.
class LayerItem : public QGraphicsItem {
public:
    explicit LayerItem(qreal z)
    {
        setFlag(ItemHasNoContents);
        setZValue(z);
    }
    QRectF boundingRect() const override { return {}; }
    void paint(QPainter *, const QStyleOptionGraphicsItem *, QWidget *) override {}
};
} // namespace

ModuleGraphScene::ModuleGraphScene(QObject *parent) : QGraphicsScene(parent)
{
    // Items move in bulk when layouts land; a BSP index would be rebuilt
    // constantly.
    setItemIndexMethod(NoIndex);
    addLayers();
    m_layoutTimer.setObjectName(QStringLiteral("graphLayoutTimer"));
    m_sliceTimer.setObjectName(QStringLiteral("graphSliceTimer"));
    m_layoutTimer.setSingleShot(true);
    m_layoutTimer.setInterval(200);
    connect(&m_layoutTimer, &QTimer::timeout, this, &ModuleGraphScene::startLayout);
    // 1 ms, not 0: a zero timer comes due before every other timer of the
    // thread, so two slices could run back to back.
    m_sliceTimer.setInterval(1);
    m_sliceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_sliceTimer, &QTimer::timeout, this, &ModuleGraphScene::sliceStep);
    m_animation = new QVariantAnimation(this);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    m_animation->setDuration(250);
    m_animation->setEasingCurve(QEasingCurve::InOutQuad);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant &t) { moveStep(t.toReal()); });
    connect(this, &QGraphicsScene::selectionChanged, this,
            &ModuleGraphScene::selectionChangedByUser);
    connect(m_animation, &QVariantAnimation::finished, this, [this] {
        m_moveAt = m_applying.keys.size();
        m_pathAt = 0;
        m_fixAt = 0;
        m_sliceTimer.start();
    });
}

ModuleGraphScene::~ModuleGraphScene()
{
    m_animation->stop();
    m_sliceTimer.stop();
    // Deleting selected items emits selectionChanged: not to the slots of a
    // half-destroyed scene (or of views being destroyed).
    blockSignals(true);
    clear();
}

void ModuleGraphScene::addLayers()
{
    for (int i = 0; i < kLayers; ++i) {
        m_edgeLayers[i] = new LayerItem(0);
        m_edgeLayers[i]->setOpacity(0); // until a layout placed the nodes
        addItem(m_edgeLayers[i]);
        m_nodeLayers[i] = new LayerItem(1);
        addItem(m_nodeLayers[i]);
    }
    m_chainLayer = new LayerItem(0.5);
    addItem(m_chainLayer);
}

int ModuleGraphScene::laneOf(const QString &environment)
{
    if (environment == QLatin1String("client"))
        return 0;
    if (environment == QLatin1String("ssr"))
        return 1;
    if (environment == QLatin1String("worker"))
        return 2;
    return 3;
}

void ModuleGraphScene::setModel(QAbstractItemModel *model)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid())
                                         syncRows(first, last);
                                 });
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this,
                                 [this](const QModelIndex &tl, const QModelIndex &br) {
                                     if (!tl.parent().isValid())
                                         syncRows(tl.row(), br.row());
                                 });
        m_connections << connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid())
                                         removeRows(first, last);
                                 });
        m_connections << connect(model, &QAbstractItemModel::modelReset, this,
                                 &ModuleGraphScene::rebuild);
    }
    rebuild();
}

void ModuleGraphScene::setLanes(bool lanes)
{
    if (m_lanes == lanes)
        return;
    m_lanes = lanes;
    scheduleLayout();
}

ModuleNodeItem *ModuleGraphScene::node(const QString &environment, const QString &id) const
{
    return m_nodes.value(moduleKey(environment, id));
}

void ModuleGraphScene::setViewUpdatesSuspended(bool suspended)
{
    if (m_viewUpdatesSuspended == suspended)
        return;
    m_viewUpdatesSuspended = suspended;
    if (suspended) {
        m_suspendedViews.clear();
        for (QGraphicsView *view : views()) {
            m_suspendedViews.push_back({view, view->viewportUpdateMode()});
            view->setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
        }
        return;
    }
    for (const auto &[view, mode] : std::as_const(m_suspendedViews)) {
        if (!view)
            continue;
        view->setViewportUpdateMode(QGraphicsView::ViewportUpdateMode(mode));
        view->viewport()->update(); // one repaint of the applied layout
    }
    m_suspendedViews.clear();
}

void ModuleGraphScene::rebuild()
{
    m_animation->stop();
    m_sliceTimer.stop();
    setViewUpdatesSuspended(false);
    m_applying = {};
    m_chain.clear();
    clear(); // deletes every item
    m_laidOut = false;
    addLayers();
    m_nodes.clear();
    m_byName.clear();
    m_matter.clear();
    m_labels.clear();
    ++m_labelGeneration;
    m_wanted.clear();
    m_targets.clear();
    m_edgeCount = 0;
    m_spawn.clear();
    if (m_model && m_model->rowCount() > 0)
        syncRows(0, m_model->rowCount() - 1);
}

ModuleNodeState ModuleGraphScene::stateOf(int row) const
{
    const QModelIndex i = m_model->index(row, 0);
    ModuleNodeState s;
    s.environment = i.data(ModuleGraphModel::EnvironmentRole).toString();
    s.id = i.data(ModuleGraphModel::IdRole).toString();
    s.isVirtual = i.data(ModuleGraphModel::VirtualRole).toBool();
    s.stale = i.data(ModuleGraphModel::StaleRole).toBool();
    s.moduleType = i.data(ModuleGraphModel::TypeRole).toString();
    const QStringList directives = i.data(ModuleGraphModel::DirectivesRole).toStringList();
    s.useClient = directives.contains(QLatin1String("use client"));
    s.useServer = directives.contains(QLatin1String("use server"));
    s.roleLabel = i.data(ModuleGraphModel::RoleLabelRole).toString();
    if (!s.roleLabel.isEmpty())
        s.displayName = i.data(ModuleGraphModel::DisplayNameRole).toString();
    s.directiveTransform = i.data(ModuleGraphModel::DirectiveTransformLabelRole).toString();
    s.groupSize = i.data(ModuleGroupModel::GroupSizeRole).toInt();
    if (s.groupSize > 0)
        s.displayName = i.data(ModuleGraphModel::DisplayNameRole).toString();
    s.browserHash = m_model->index(row, ModuleGraphModel::BrowserHashColumn).data().toString();
    const QString state = m_model->index(row, ModuleGraphModel::StateColumn).data().toString();
    s.invalidation = state == QLatin1String("stale") ? QString() : state;
    return s;
}

void ModuleGraphScene::syncRows(int first, int last)
{
    for (int row = first; row <= last; ++row)
        syncRow(row);
}

void ModuleGraphScene::syncRow(int row)
{
    const ModuleNodeState state = stateOf(row);
    const QString key = moduleKey(state.environment, state.id);
    ModuleNodeItem *node = m_nodes.value(key);
    if (!node) {
        node = new ModuleNodeItem(state);
        m_nodes.insert(key, node);
        node->setShownId(moduleIdText(state.id, m_root));
        if (state.displayName.isEmpty()) {
            const QString name = moduleBaseName(state.id);
            m_byName.insert(name, node);
            relabel(name);
        }
        placeNear(node);
        node->setParentItem(m_nodeLayers[layerOf(key)]);
        if (m_chain.contains(key)) {
            const QScopedValueRollback guard(m_selectingChain, true);
            node->setSelected(true);
        }
        // A new candidate (a small graph labels every node), or the graph
        // grew past labelling every node.
        if (m_nodes.size() <= kAllLabelsUpTo + 1)
            ++m_labelGeneration;
        // Edges waiting for this node.
        const QHash<QString, int> sources = m_wanted.value(key);
        for (auto it = sources.cbegin(); it != sources.cend(); ++it)
            if (ModuleNodeItem *source = m_nodes.value(it.key()))
                connectEdge(source, node, it.value());
        scheduleLayout();
    } else {
        node->setState(state);
    }
    const bool matters = state.groupSize > 0 || !state.roleLabel.isEmpty();
    if (matters != m_matter.contains(node)) {
        if (matters)
            m_matter.insert(node);
        else
            m_matter.remove(node);
        ++m_labelGeneration;
    }

    QHash<QString, int> targets;
    const QModelIndex i = m_model->index(row, 0);
    for (const QString &imported : i.data(ModuleGraphModel::ImportsRole).toStringList())
        targets.insert(moduleKey(state.environment, imported), int(ModuleEdgeKind::Import));
    const QString twin = i.data(ModuleGraphModel::TwinRole).toString();
    if (!twin.isEmpty())
        targets.insert(moduleKey(kTwinEnvironment, twin), int(ModuleEdgeKind::Twin));
    setTargets(node, targets);
}

ModuleEdgeItem *ModuleGraphScene::edgeBetween(const QString &source, const QString &target) const
{
    ModuleNodeItem *s = m_nodes.value(source);
    if (!s)
        return nullptr;
    for (ModuleEdgeItem *edge : s->edges())
        if (edge->source() == s && edge->target()->key() == target)
            return edge;
    return nullptr;
}

void ModuleGraphScene::setTargets(ModuleNodeItem *node, const QHash<QString, int> &targets)
{
    const QString key = node->key();
    QHash<QString, int> &old = m_targets[key];
    if (old == targets)
        return;
    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        if (targets.value(it.key(), -1) == it.value())
            continue;
        auto wanted = m_wanted.find(it.key());
        if (wanted != m_wanted.end()) {
            wanted->remove(key);
            if (wanted->isEmpty())
                m_wanted.erase(wanted);
        }
        if (ModuleEdgeItem *edge = edgeBetween(key, it.key())) {
            edge->source()->removeEdge(edge);
            edge->target()->removeEdge(edge);
            delete edge;
            --m_edgeCount;
        }
    }
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        if (old.value(it.key(), -1) == it.value())
            continue;
        m_wanted[it.key()].insert(key, it.value());
        if (ModuleNodeItem *target = m_nodes.value(it.key()))
            connectEdge(node, target, it.value());
    }
    old = targets;
    scheduleLayout();
}

void ModuleGraphScene::connectEdge(ModuleNodeItem *source, ModuleNodeItem *target, int kind)
{
    if (source == target || edgeBetween(source->key(), target->key()))
        return;
    auto *edge = new ModuleEdgeItem(source, target, ModuleEdgeKind(kind));
    edge->setHighlighted(onChain(source->key(), target->key()));
    edge->setParentItem(edge->isHighlighted() ? m_chainLayer
                                              : m_edgeLayers[layerOf(source->key())]);
    ++m_edgeCount;
}

void ModuleGraphScene::placeNear(ModuleNodeItem *node)
{
    // Below an importer already shown, spread by how many children it has.
    const QHash<QString, int> sources = m_wanted.value(node->key());
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        if (ModuleNodeItem *importer = m_nodes.value(it.key())) {
            const int spread = int(importer->edges().size() % 7) - 3;
            node->setPos(importer->pos() + QPointF(spread * ModuleNodeItem::kWidth * 0.6,
                                                   ModuleNodeItem::kHeight * 2.5));
            return;
        }
    }
    // Otherwise in a row under its lane.
    const int lane = laneOf(node->state().environment);
    QPointF spawn = m_spawn.value(
        lane, QPointF(lane * (ModuleNodeItem::kWidth * 4), -ModuleNodeItem::kHeight * 3));
    node->setPos(spawn);
    spawn.rx() += ModuleNodeItem::kWidth + 20;
    m_spawn.insert(lane, spawn);
}

void ModuleGraphScene::removeRows(int first, int last)
{
    QStringList keys;
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_model->index(row, 0);
        keys << moduleKey(i.data(ModuleGraphModel::EnvironmentRole).toString(),
                          i.data(ModuleGraphModel::IdRole).toString());
    }
    for (const QString &key : std::as_const(keys))
        removeNode(key);
}

void ModuleGraphScene::removeNode(const QString &key)
{
    ModuleNodeItem *node = m_nodes.take(key);
    if (!node)
        return;
    const QList<ModuleEdgeItem *> edges = node->edges();
    for (ModuleEdgeItem *edge : edges) {
        (edge->source() == node ? edge->target() : edge->source())->removeEdge(edge);
        delete edge;
        --m_edgeCount;
    }
    const QHash<QString, int> targets = m_targets.take(key);
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        auto wanted = m_wanted.find(it.key());
        if (wanted != m_wanted.end()) {
            wanted->remove(key);
            if (wanted->isEmpty())
                m_wanted.erase(wanted);
        }
    }
    m_matter.remove(node);
    // Its label goes; a graph back to labelling every node places them all.
    if (m_labels.forget(node) || m_nodes.size() == kAllLabelsUpTo)
        ++m_labelGeneration;
    const bool named = node->state().displayName.isEmpty();
    const QString name = moduleBaseName(node->state().id);
    if (named)
        m_byName.remove(name, node);
    delete node;
    if (named)
        relabel(name);
    scheduleLayout();
}

void ModuleGraphScene::relabel(const QString &baseName)
{
    const QList<ModuleNodeItem *> same = m_byName.values(baseName);
    QStringList ids;
    ids.reserve(same.size());
    for (const ModuleNodeItem *node : same)
        ids << node->state().id;
    const QStringList labels = distinctModuleLabels(ids);
    for (qsizetype i = 0; i < same.size(); ++i)
        same[i]->setLabel(labels[i]);
}

void ModuleGraphScene::setProjectRoot(const QString &root)
{
    if (m_root == root)
        return;
    m_root = root;
    for (ModuleNodeItem *node : std::as_const(m_nodes))
        node->setShownId(moduleIdText(node->state().id, m_root));
}

ModuleNodeItem *ModuleGraphScene::find(const QString &text) const
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return nullptr;
    ModuleNodeItem *ends = nullptr;
    ModuleNodeItem *contains = nullptr;
    for (ModuleNodeItem *node : m_nodes) {
        // A framework module is found by the name people know it by too
        // ("rwsdk/__state" for rwsdk/dist/runtime/state.js).
        for (const QString &name : {node->state().id, node->state().displayName}) {
            if (name.isEmpty())
                continue;
            if (name.compare(needle, Qt::CaseInsensitive) == 0)
                return node;
            if (!ends && name.endsWith(needle, Qt::CaseInsensitive))
                ends = node;
            else if (!contains && name.contains(needle, Qt::CaseInsensitive))
                contains = node;
        }
    }
    return ends ? ends : contains;
}

QRectF ModuleGraphScene::nodesBoundingRect() const
{
    if (m_nodes.isEmpty())
        return {};
    const QRectF box = m_nodes.cbegin().value()->boundingRect();
    qreal left = std::numeric_limits<qreal>::max(), top = left;
    qreal right = std::numeric_limits<qreal>::lowest(), bottom = right;
    for (const ModuleNodeItem *node : m_nodes) {
        const QPointF p = node->pos();
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
    }
    return QRectF(QPointF(left, top) + box.topLeft(), QPointF(right, bottom) + box.bottomRight());
}

void ModuleGraphScene::selectKeys(const QStringList &keys)
{
    // One selectionChanged for the whole change, not one per item: listeners
    // (the inspector, the control bar) never see the steps in between.
    const QList<QGraphicsItem *> before = selectedItems();
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        for (const QString &key : keys)
            if (ModuleNodeItem *node = m_nodes.value(key))
                node->setSelected(true);
    }
    const QList<QGraphicsItem *> after = selectedItems();
    if (QSet<QGraphicsItem *>(before.cbegin(), before.cend()) !=
        QSet<QGraphicsItem *>(after.cbegin(), after.cend()))
        emit selectionChanged();
}

bool ModuleGraphScene::onChain(const QString &source, const QString &target) const
{
    const qsizetype at = m_chain.indexOf(source);
    return at >= 0 && at + 1 < m_chain.size() && m_chain[at + 1] == target;
}

void ModuleGraphScene::highlightChain(const QStringList &keys)
{
    clearChain();
    {
        const QScopedValueRollback guard(m_selectingChain, true);
        selectKeys(keys);
    }
    m_chain = keys;
    for (qsizetype i = 0; i + 1 < keys.size(); ++i)
        if (ModuleEdgeItem *edge = edgeBetween(keys[i], keys[i + 1])) {
            edge->setHighlighted(true);
            edge->setParentItem(m_chainLayer);
        }
}

void ModuleGraphScene::clearChain()
{
    if (m_chain.isEmpty())
        return;
    const QStringList chain = std::exchange(m_chain, {});
    for (qsizetype i = 0; i + 1 < chain.size(); ++i)
        if (ModuleEdgeItem *edge = edgeBetween(chain[i], chain[i + 1])) {
            edge->setHighlighted(false);
            edge->setParentItem(m_edgeLayers[layerOf(chain[i])]);
        }
}

void ModuleGraphScene::selectionChangedByUser()
{
    if (m_selectingChain || m_chain.isEmpty())
        return;
    // The chain stays highlighted while exactly its shown nodes are selected.
    QSet<QString> selected;
    for (QGraphicsItem *item : selectedItems())
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            selected.insert(node->key());
    QSet<QString> shown;
    for (const QString &key : std::as_const(m_chain))
        if (m_nodes.contains(key))
            shown.insert(key);
    if (selected.isEmpty() || selected != shown)
        clearChain();
}

void ModuleGraphScene::setEdgesShown(bool shown)
{
    if (m_edgesShown == shown)
        return;
    m_edgesShown = shown;
    updateEdgeLayers();
}

void ModuleGraphScene::updateEdgeLayers()
{
    // A fully transparent parent: painting skips the whole subtree, and this
    // is a call per layer, not one per edge. Before the first layout the
    // nodes sit in rows where they came in: edges there mean nothing and
    // cross the whole view.
    const qreal opacity = m_edgesShown && m_laidOut ? 1 : 0;
    for (QGraphicsItem *layer : m_edgeLayers)
        layer->setOpacity(opacity);
}

void ModuleGraphScene::scheduleLayout()
{
    if (!m_layoutTimer.isActive())
        m_layoutTimer.start(); // throttle: a steady stream still lays out
}

bool ModuleGraphScene::layoutPending() const
{
    return m_layoutRunning || m_layoutTimer.isActive() ||
           m_animation->state() == QAbstractAnimation::Running || m_sliceTimer.isActive();
}

void ModuleGraphScene::relayoutNow()
{
    m_layoutTimer.stop();
    startLayout();
}

void ModuleGraphScene::startLayout()
{
    if (m_layoutRunning) {
        m_layoutDirty = true;
        return;
    }
    // A snapshot for the layout thread: no string hashing here, this runs
    // on the UI thread for every node and edge.
    GraphLayoutInput input;
    input.lanes = m_lanes;
    QStringList keys;
    keys.reserve(m_nodes.size());
    QHash<const ModuleNodeItem *, int> indexOf;
    indexOf.reserve(m_nodes.size());
    input.nodes.reserve(m_nodes.size());
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        indexOf.insert(it.value(), int(keys.size()));
        keys << it.key();
        input.nodes.push_back({it.key(), QString(), laneOf(it.value()->state().environment),
                               QSizeF(ModuleNodeItem::kWidth, ModuleNodeItem::kHeight)});
    }
    QVector<QPair<int, int>> edges; // node indexes, as input.edges
    input.edges.reserve(m_edgeCount);
    edges.reserve(m_edgeCount);
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const ModuleNodeItem *node = it.value();
        const int from = indexOf.value(node);
        for (const ModuleEdgeItem *edge : node->edges()) {
            if (edge->source() != node)
                continue;
            const int to = indexOf.value(edge->target(), -1);
            if (to < 0)
                continue;
            input.edges.push_back({from, to,
                                   edge->kind() == ModuleEdgeKind::Twin ? LayoutEdgeKind::Twin
                                                                        : LayoutEdgeKind::Import});
            edges.push_back({from, to});
        }
    }
    m_layoutRunning = true;
    const quint64 generation = ++m_layoutGeneration;
    layoutAsync(std::move(input), this,
                [this, generation, keys, edges](const GraphLayoutResult &result) {
                    m_layoutRunning = false;
                    if (generation == m_layoutGeneration)
                        applyLayout(result, keys, edges);
                    if (m_layoutDirty) {
                        m_layoutDirty = false;
                        scheduleLayout();
                    }
                });
}

void ModuleGraphScene::applyLayout(const GraphLayoutResult &result, const QStringList &keys,
                                   const QVector<QPair<int, int>> &edges)
{
    m_animation->stop();
    m_sliceTimer.stop();
    m_lastLayoutMs = result.milliseconds;
    m_laneRects = result.laneRects;
    m_applying = {keys, edges, result.positions, result.edgePaths, {}};
    // Unconnected newcomers go in a row under their lane.
    m_spawn.clear();
    for (int lane = 0; lane < m_laneRects.size(); ++lane)
        m_spawn.insert(lane, m_laneRects[lane].bottomLeft() +
                                 QPointF(ModuleNodeItem::kWidth / 2, ModuleNodeItem::kHeight * 2));
    if (!m_lanes)
        m_spawn.insert(0, result.bounds.bottomLeft() + QPointF(0, ModuleNodeItem::kHeight * 2));
    // Repainting the whole view after every slice is what stalls the UI
    // thread: nothing is drawn until a big layout is fully applied, from the
    // new scene rect on (it repaints the whole view by itself).
    const bool sliced = keys.size() > m_animationLimit;
    setViewUpdatesSuspended(sliced);
    setSceneRect(result.bounds.adjusted(-300, -300, 300, 600));

    m_moveAt = 0;
    m_pathAt = 0;
    m_fixAt = 0;
    ++m_appliedLayouts;
    if (sliced) {
        m_sliceTimer.start(); // the lanes are drawn with the final repaint
        return;
    }
    m_laidOut = true; // the edges animate along
    updateEdgeLayers();
    m_applying.from.reserve(keys.size());
    for (const QString &key : keys) {
        const ModuleNodeItem *node = m_nodes.value(key);
        m_applying.from.push_back(node ? node->pos() : QPointF());
    }
    invalidate(sceneRect(), BackgroundLayer); // the lanes moved
    m_animation->start();
}

void ModuleGraphScene::moveStep(qreal t)
{
    const Applying &a = m_applying;
    for (qsizetype i = 0; i < a.keys.size() && i < a.from.size(); ++i)
        if (ModuleNodeItem *node = m_nodes.value(a.keys[i]))
            node->setPos(a.from[i] + (a.positions.value(i) - a.from[i]) * t);
    if (t >= 1.0)
        m_moveAt = a.keys.size();
}

void ModuleGraphScene::sliceStep()
{
    // Nodes first (jumping to their places, edges left behind), then routed
    // edge paths, then the edges of moved nodes the layout did not know (new
    // since it started), for at most kSliceBudgetNs per event-loop turn.
    QElapsedTimer clock;
    clock.start();
    int sinceCheck = 0;
    auto overBudget = [&] {
        if (++sinceCheck < kCheckEvery)
            return false;
        sinceCheck = 0;
        return clock.nsecsElapsed() > kSliceBudgetNs;
    };
    const Applying &a = m_applying;
    const qsizetype nodes = a.keys.size(), edges = a.edges.size();
    if (m_moveAt >= nodes && m_pathAt >= edges && m_fixAt >= nodes) {
        // Everything is in place: repaint and refit in a turn of their own,
        // not on top of a full slice.
        finishApply();
        return;
    }
    while (m_moveAt < nodes) {
        const qsizetype i = m_moveAt++;
        if (ModuleNodeItem *node = m_nodes.value(a.keys[i]))
            node->setPosLeavingEdges(a.positions.value(i));
        if (overBudget())
            return;
    }
    while (m_pathAt < edges) {
        const qsizetype e = m_pathAt++;
        const auto [from, to] = a.edges[e];
        if (ModuleEdgeItem *edge = edgeBetween(a.keys[from], a.keys[to])) {
            edge->setLayoutPath(a.edgePaths.value(e));
            edge->setLaidOutBy(m_appliedLayouts);
        }
        if (overBudget())
            return;
    }
    while (m_fixAt < nodes) {
        if (ModuleNodeItem *node = m_nodes.value(a.keys[m_fixAt++]))
            for (ModuleEdgeItem *edge : node->edges())
                if (edge->laidOutBy() != m_appliedLayouts)
                    edge->adjust();
        if (overBudget())
            return;
    }
}

void ModuleGraphScene::finishApply()
{
    m_sliceTimer.stop();
    m_applying = {};
    setViewUpdatesSuspended(false);
    // Edges show from now on, unless the view, refitting on layoutApplied,
    // hides them as too small: shown or hidden once, not both.
    m_laidOut = true;
    emit layoutApplied(m_lastLayoutMs);
    updateEdgeLayers();
}

void ModuleGraphScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const GraphPalette colours = GraphPalette::from(views().isEmpty() ? QGuiApplication::palette()
                                                                      : views().first()->palette());
    painter->fillRect(rect, colours.background);
    if (!m_lanes)
        return;
    // Bands and titles in device pixels: a title reads the same at any zoom,
    // and the band always holds it (the view's fit keeps kFitTopPixels
    // above the nodes for it).
    const QStringList names{QStringLiteral("client"), QStringLiteral("ssr"),
                            QStringLiteral("worker"), QStringLiteral("other")};
    const QTransform toDevice = painter->worldTransform();
    painter->save();
    painter->resetTransform();
    QFont font = painter->font();
    font.setPixelSize(int(kLaneTitlePixels));
    font.setBold(true);
    painter->setFont(font);
    const QRectF exposed = toDevice.mapRect(rect);
    for (int lane = 0; lane < m_laneRects.size(); ++lane) {
        if (m_laneRects[lane].isNull())
            continue;
        const QRectF nodes = toDevice.mapRect(m_laneRects[lane]);
        const QRectF band = nodes.adjusted(-12, -(kLaneTitlePixels + 16), 12, 12);
        if (!band.intersects(exposed))
            continue;
        painter->fillRect(band, colours.laneFill(names.value(lane)));
        painter->setPen(colours.laneTitle);
        // Environment names are identifiers; the lane of anything else is a word.
        painter->drawText(QRectF(std::max(band.left() + 8, 4.0), band.top() + 5,
                                 std::max(band.width() - 8, 120.0), kLaneTitlePixels + 6),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          lane < 3 ? names.value(lane) : tr("other"));
    }
    painter->restore();
}

QVector<LabelCandidate> ModuleGraphScene::labelCandidates() const
{
    // The nodes that matter first; the others only while there are few
    // enough to try (a placement never walks thousands of labels).
    QVector<LabelCandidate> candidates;
    auto rankOf = [](ModuleNodeItem *node) {
        const ModuleNodeState &s = node->state();
        return node->isSelected() ? 0 : s.groupSize > 0 ? 1 : !s.roleLabel.isEmpty() ? 2 : 3;
    };
    if (labelsEveryNode()) {
        candidates.reserve(m_nodes.size());
        for (ModuleNodeItem *node : std::as_const(m_nodes))
            candidates.push_back({node, rankOf(node)});
        return candidates;
    }
    // The selected nodes, the packages and framework modules only.
    for (QGraphicsItem *item : selectedItems())
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            candidates.push_back({node, 0});
    for (ModuleNodeItem *node : std::as_const(m_matter))
        if (!node->isSelected())
            candidates.push_back({node, rankOf(node)});
    return candidates;
}

void ModuleGraphScene::noteLabelChange(const ModuleNodeItem *node)
{
    // A node whose label is not placed (far out in a big graph, neither
    // selected nor one that matters) changes nothing placed.
    if (node && !labelsEveryNode() && !node->isSelected() &&
        !m_matter.contains(const_cast<ModuleNodeItem *>(node)) && !m_labels.holds(node))
        return;
    ++m_labelGeneration;
}

void ModuleGraphScene::drawForeground(QPainter *painter, const QRectF &rect)
{
    const QTransform toDevice = painter->worldTransform();
    const qreal scale = std::sqrt(std::abs(toDevice.determinant()));
    if (m_nodes.isEmpty() || ModuleNodeItem::kWidth * scale >= ModuleNodeItem::kMinBoxPixels)
        return; // the nodes draw their labels themselves
    QFont font = painter->font();
    font.setPixelSize(int(std::ceil(ModuleNodeItem::kMinLabelPixels + 1)));
    const GraphLabelPlacement::Key key{
        toDevice, QSize(painter->device()->width(), painter->device()->height()), font,
        m_labelGeneration};
    const QRectF exposed = toDevice.mapRect(rect).adjusted(-1, -1, 1, 1);
    if (!m_labels.isCurrent(key)) {
        // Placed once per transform, viewport and generation; a partial
        // repaint (a node's state flipped) then only draws what it exposed.
        const QRegion stale = m_labels.place(key, labelCandidates(), labelsEveryNode());
        // Labels that moved or went outside this paint's area: the view
        // still shows them there.
        if (!stale.isEmpty() && !exposed.contains(QRectF(QPointF(0, 0), QSizeF(key.viewport))))
            for (QGraphicsView *view : views())
                if (view->viewport() == painter->device())
                    view->viewport()->update(stale);
    }
    const GraphPalette colours = GraphPalette::from(views().isEmpty() ? QGuiApplication::palette()
                                                                      : views().first()->palette());
    painter->save();
    painter->resetTransform();
    m_labels.draw(painter, exposed, colours);
    painter->restore();
}

} // namespace sy
