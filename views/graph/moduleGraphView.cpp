#include "views/graph/moduleGraphView.h"

#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGroupModel.h"
#include "views/graph/moduleNodeItem.h"

#include <QDir>
#include <QFileInfo>
#include <QWheelEvent>

namespace sy {

ModuleGraphView::ModuleGraphView(QWidget *parent)
    : QGraphicsView(parent), m_groups(new ModuleGroupModel(this)),
      m_filter(new ModuleGraphFilterModel(this)), m_scene(new ModuleGraphScene(this))
{
    setScene(m_scene);
    m_filter->setSourceModel(m_groups);
    m_scene->setModel(m_filter);
    setDragMode(ScrollHandDrag);
    setRenderHint(QPainter::Antialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    // Pan by dragging, zoom with the wheel, Fit: scroll bars would only come
    // and go with each layout's scene rect, resizing the viewport (a refit
    // and a full repaint each time).
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    connect(m_scene, &ModuleGraphScene::layoutApplied, this, [this] {
        if (m_autoFit)
            fitNodes();
    });
}

void ModuleGraphView::fitNodes()
{
    const QRectF nodes = m_scene->nodesBoundingRect();
    if (nodes.isEmpty()) {
        updateDetail();
        return;
    }
    // The scale that leaves kFitMarginPixels around the nodes and
    // kFitTopPixels above them (the lane titles) at that scale.
    const QRectF area = viewport()->rect();
    const qreal margin = ModuleGraphScene::kFitMarginPixels;
    const qreal top = m_scene->lanes() ? ModuleGraphScene::kFitTopPixels : margin;
    const qreal sx = (area.width() - 2 * margin) / nodes.width();
    const qreal sy = (area.height() - top - margin) / nodes.height();
    const qreal scale = std::clamp(std::min(sx, sy), 0.001, 8.0);
    setTransform(QTransform::fromScale(scale, scale));
    // Centre so that the extra room goes above the nodes.
    centerOn(nodes.center() - QPointF(0, (top - margin) / 2 / scale));
    updateDetail();
}

void ModuleGraphView::updateDetail()
{
    const bool near = transform().m11() >= ModuleEdgeItem::kMinDetail;
    m_scene->setEdgesShown(near);
    setRenderHint(QPainter::Antialiasing, near);
}

void ModuleGraphView::setModel(QAbstractItemModel *model)
{
    m_groups->setSourceModel(model);
    m_autoFit = true;
}

void ModuleGraphView::setGroupPackages(bool group)
{
    m_groups->setGrouping(group);
    m_autoFit = true;
}

void ModuleGraphView::setGroupExpanded(const QString &environment, const QString &groupId,
                                       bool expanded)
{
    m_groups->setExpanded(environment, groupId, expanded);
    m_autoFit = true;
}

void ModuleGraphView::setFolderCollapsed(const QString &folder, bool collapsed)
{
    m_groups->setFolderCollapsed(folder, collapsed);
    m_autoFit = true;
}

ModuleNodeItem *ModuleGraphView::shownNode(const QString &environment, const QString &id) const
{
    return m_scene->node(environment, m_groups->shownId(environment, id));
}

void ModuleGraphView::setProjectRoot(const QString &root)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    m_scene->setProjectRoot(canonical.isEmpty() ? QDir::cleanPath(root) : canonical);
}

void ModuleGraphView::setLanes(bool lanes)
{
    m_scene->setLanes(lanes);
    m_autoFit = true;
}

void ModuleGraphView::showEnvironment(const QString &environment)
{
    m_filter->setEnvironment(environment);
    setLanes(environment.isEmpty());
    fitAll();
}

void ModuleGraphView::fitAll()
{
    m_autoFit = true;
    fitNodes();
}

void ModuleGraphView::zoomBy(qreal factor)
{
    m_autoFit = false;
    const qreal current = transform().m11();
    const qreal next = std::clamp(current * factor, 0.02, 8.0);
    scale(next / current, next / current);
    updateDetail();
}

void ModuleGraphView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0)
        return QGraphicsView::wheelEvent(event);
    zoomBy(std::pow(1.0015, delta));
    event->accept();
}

void ModuleGraphView::mousePressEvent(QMouseEvent *event)
{
    m_autoFit = false; // the user pans: stop following layouts
    m_pressedAt = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void ModuleGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton ||
        (event->position().toPoint() - m_pressedAt).manhattanLength() > 4)
        return;
    auto *node = qgraphicsitem_cast<ModuleNodeItem *>(itemAt(event->position().toPoint()));
    if (node && node->state().groupSize > 0)
        setGroupExpanded(node->state().environment, node->state().id, true);
}

void ModuleGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit && m_scene->nodeCount() > 0)
        fitNodes();
}

bool ModuleGraphView::search(const QString &text)
{
    ModuleNodeItem *node = m_scene->find(text);
    if (!node)
        return false;
    m_scene->clearSelection();
    node->setSelected(true);
    m_autoFit = false;
    centerOn(node);
    return true;
}

void ModuleGraphView::revealNode(ModuleNodeItem *node, bool zoomToRead)
{
    if (!node)
        return;
    if (zoomToRead && transform().m11() < 1.0)
        zoomBy(1.0 / transform().m11());
    const QRectF shown = mapToScene(viewport()->rect()).boundingRect();
    if (zoomToRead || !shown.contains(node->sceneBoundingRect())) {
        m_autoFit = false;
        centerOn(node);
    }
}

void ModuleGraphView::focusOn(const QString &environment, const QString &id, int depth)
{
    m_filter->setFocus(environment, id, depth);
    m_autoFit = true;
}

void ModuleGraphView::clearFocus()
{
    m_filter->clearFocus();
    m_autoFit = true;
}

void ModuleGraphView::selectChain(const QString &environment, const QStringList &chain)
{
    if (chain.isEmpty()) { // nothing to show: keep the selection
        m_scene->clearChain();
        return;
    }
    // Modules inside a collapsed package are shown as their group.
    QStringList keys;
    for (const QString &id : chain) {
        const QString key = moduleKey(environment, m_groups->shownId(environment, id));
        if (keys.isEmpty() || keys.last() != key)
            keys << key;
    }
    m_scene->highlightChain(keys);
    if (ModuleNodeItem *last = m_scene->node(keys.last()))
        centerOn(last);
}

QStringList ModuleGraphView::showWhyIncluded(const QString &environment, const QString &id)
{
    // Over the source model: the chain may run through filtered-out modules.
    const QAbstractItemModel *model = m_groups->sourceModel();
    if (!model)
        return {};
    const QStringList chain = whyIncluded(ModuleGraphIndex::fromModel(model), environment, id);
    selectChain(environment, chain);
    return chain;
}

QStringList ModuleGraphView::showImportChain(const QString &environment, const QString &fromId,
                                             const QString &toId)
{
    const QAbstractItemModel *model = m_groups->sourceModel();
    if (!model)
        return {};
    const QStringList chain =
        importChain(ModuleGraphIndex::fromModel(model), environment, fromId, toId);
    selectChain(environment, chain);
    return chain;
}

} // namespace sy
