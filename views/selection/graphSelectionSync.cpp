#include "views/selection/graphSelectionSync.h"

#include <QAbstractItemModel> // complete before the scene header (its QPointer member)

#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/moduleSelection.h"

namespace sy {

GraphSelectionSync::GraphSelectionSync(ModuleGraphView *view, ModuleSelection *selection,
                                       QObject *parent)
    : QObject(parent ? parent : view), m_view(view), m_selection(selection)
{
    connect(view->graphScene(), &QGraphicsScene::selectionChanged, this,
            &GraphSelectionSync::sceneSelectionChanged);
    connect(selection, &ModuleSelection::changed, this, &GraphSelectionSync::selectionChanged);
}

void GraphSelectionSync::sceneSelectionChanged()
{
    if (m_applying || !m_view)
        return;
    ModuleGraphScene *scene = m_view->graphScene();
    QList<ModuleRef> refs;
    // A highlighted chain in its order (importer first), else scene order.
    for (const QString &key : scene->highlightedChain())
        if (ModuleNodeItem *node = scene->node(key); node && node->isSelected())
            refs << ModuleRef{node->state().environment, node->state().id};
    for (QGraphicsItem *item : scene->selectedItems())
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            if (const ModuleRef ref{node->state().environment, node->state().id};
                !refs.contains(ref))
                refs << ref;
    // Nodes that left the scene (a module removed, a filter) leave the
    // selection alone: only what the user (or a search, a chain) selected counts.
    bool onlyRemovals = true;
    for (const ModuleRef &ref : refs)
        onlyRemovals = onlyRemovals && m_selection->contains(ref);
    for (const ModuleRef &ref : m_selection->modules())
        onlyRemovals =
            onlyRemovals && (refs.contains(ref) || !scene->node(ref.environment, ref.id));
    if (onlyRemovals)
        return;
    // A single click makes that module current; a chain keeps the module it
    // was asked for (its last node) when it was current.
    m_selection->select(refs, refs.size() == 1 ? refs.first() : ModuleRef{}, this);
}

void GraphSelectionSync::selectionChanged(QObject *origin)
{
    if (origin == this || !m_view)
        return;
    ModuleGraphScene *scene = m_view->graphScene();
    QStringList keys;
    for (const ModuleRef &ref : m_selection->modules())
        if (ModuleNodeItem *node = m_view->shownNode(ref.environment, ref.id)) // or its package
            keys << node->key();
    m_applying = true;
    scene->selectKeys(keys);
    m_applying = false;
    const ModuleRef current = m_selection->current();
    if (ModuleNodeItem *node = m_view->shownNode(current.environment, current.id))
        m_view->revealNode(node);
}

} // namespace sy
