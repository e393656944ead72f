#include "views/graph/moduleGraphActions.h"

#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleGroupModel.h"
#include "views/graph/moduleIdText.h"
#include "views/graph/moduleNodeItem.h"
#include "views/graph/modulePackageGroup.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QProcess>
#include <QUrl>

namespace sy {

ModuleGraphActions::ModuleGraphActions(ModuleGraphView *view) : QObject(view), m_view(view)
{
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
    view->setFocusPolicy(Qt::StrongFocus);
}

QList<QPair<QString, QString>> ModuleGraphActions::shortcutList()
{
    return {
        {tr("+ or Ctrl++"), tr("Zoom in")},
        {tr("- or Ctrl+-"), tr("Zoom out")},
        {tr("0 or F"), tr("Fit the whole graph")},
        {tr("Up"), tr("Select an importer of the selected module")},
        {tr("Down"), tr("Select a module it imports")},
        {tr("Left, Right"), tr("Select the module beside it")},
        {tr("Enter"), tr("Open the inspector on it (expand a package)")},
        {tr("Escape"), tr("Clear the highlighted chain, the focus and the selection")},
        {tr("Right click"), tr("Copy id or path, open in editor, focus, why is this here?")},
        {tr("F11"), tr("Graph only (hide the docks); again to bring them back")},
        {tr("Ctrl+F"), tr("Find a module")},
    };
}

QString ModuleGraphActions::filePathOf(const QString &id)
{
    if (isFolderGroupId(id))
        return folderOfGroupId(id);
    const QString file = unbridgedId(id);
    if (!file.startsWith(QLatin1Char('/')))
        return {};
    const qsizetype q = file.indexOf(QLatin1Char('?'));
    return q > 0 ? file.left(q) : file;
}

ModuleNodeItem *ModuleGraphActions::selectedNode() const
{
    const QList<QGraphicsItem *> selected = m_view->graphScene()->selectedItems();
    for (QGraphicsItem *item : selected)
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            return node;
    return nullptr;
}

void ModuleGraphActions::select(ModuleNodeItem *node)
{
    m_view->graphScene()->selectKeys({node->key()});
    m_view->revealNode(node);
}

bool ModuleGraphActions::moveSelection(int dx, int dy)
{
    ModuleNodeItem *from = selectedNode();
    if (!from)
        return false;
    ModuleNodeItem *best = nullptr;
    qreal bestDistance = 0;
    auto consider = [&](ModuleNodeItem *node, qreal distance) {
        if (node && node != from && (!best || distance < bestDistance)) {
            best = node;
            bestDistance = distance;
        }
    };
    if (dy != 0) {
        for (ModuleEdgeItem *edge : from->edges()) {
            if (edge->kind() != ModuleEdgeKind::Import)
                continue;
            ModuleNodeItem *other = dy < 0 ? edge->source() : edge->target();
            if ((dy < 0 ? edge->target() : edge->source()) != from)
                continue;
            consider(other, std::abs(other->pos().x() - from->pos().x()));
        }
    } else {
        const qreal band = ModuleNodeItem::kHeight; // about the same height
        for (ModuleNodeItem *node : m_view->graphScene()->nodes()) {
            const QPointF d = node->pos() - from->pos();
            if (std::abs(d.y()) <= band && d.x() * dx > 0)
                consider(node, std::abs(d.x()) + std::abs(d.y()) * 4);
        }
    }
    if (!best)
        return false;
    select(best);
    return true;
}

void ModuleGraphActions::openInEditor(const QString &path)
{
    // The user's editor as the shell knows it, else the desktop's handler.
    for (const char *variable : {"VISUAL", "EDITOR"}) {
        const QString editor = qEnvironmentVariable(variable).trimmed();
        if (editor.isEmpty())
            continue;
        QStringList args = QProcess::splitCommand(editor);
        const QString program = args.takeFirst();
        if (QProcess::startDetached(program, args << path))
            return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

QMenu *ModuleGraphActions::menuFor(ModuleNodeItem *node)
{
    auto *menu = new QMenu(m_view);
    menu->setObjectName(QStringLiteral("graphNodeMenu"));
    const ModuleNodeState state = node->state();
    const QString shownId = node->toolTip().section(QLatin1Char('\n'), 0, 0);
    const QString path = filePathOf(state.id);
    ModuleGroupModel *groups = m_view->groupModel();
    const QString folder = moduleFolder(state.id);
    if (state.groupSize > 0) {
        QAction *expand = menu->addAction(
            isFolderGroupId(state.id) ? tr("&Expand Folder") : tr("&Expand Package"), this,
            [this, state] { m_view->setGroupExpanded(state.environment, state.id, true); });
        expand->setObjectName(QStringLiteral("graphExpand"));
    } else if (const ModulePackageGroup group = modulePackageGroup(state.id); !group.isNull()) {
        if (groups->isExpanded(state.environment, group.id)) {
            QAction *collapse = menu->addAction(
                tr("&Collapse Package %1").arg(group.name), this, [this, state, group] {
                    m_view->setGroupExpanded(state.environment, group.id, false);
                });
            collapse->setObjectName(QStringLiteral("graphCollapse"));
        }
    } else if (!folder.isEmpty()) {
        // The app's own modules: their folder collapses into one node.
        const QString shownFolder = moduleIdText(folder, m_view->graphScene()->projectRoot());
        QAction *collapse = menu->addAction(
            tr("&Collapse Folder %1")
                .arg(shownFolder.endsWith(QLatin1Char('/')) ? shownFolder
                                                            : shownFolder + QLatin1Char('/')),
            this, [this, folder] { m_view->setFolderCollapsed(folder, true); });
        collapse->setObjectName(QStringLiteral("graphCollapseFolder"));
    }
    QAction *copyId = menu->addAction(tr("Copy &Id"), this, [shownId, state] {
        QGuiApplication::clipboard()->setText(state.groupSize > 0 ? state.displayName : shownId);
    });
    copyId->setObjectName(QStringLiteral("graphCopyId"));
    QAction *copyPath = menu->addAction(tr("Copy &Path"), this,
                                        [path] { QGuiApplication::clipboard()->setText(path); });
    copyPath->setObjectName(QStringLiteral("graphCopyPath"));
    copyPath->setEnabled(!path.isEmpty());
    QAction *open =
        menu->addAction(tr("&Open in Editor"), this, [this, path] { openInEditor(path); });
    open->setObjectName(QStringLiteral("graphOpenInEditor"));
    open->setEnabled(!path.isEmpty());
    menu->addSeparator();
    QAction *focus = menu->addAction(tr("&Focus on This Module"), this, [this, state] {
        m_view->focusOn(state.environment, state.id, 2);
    });
    focus->setObjectName(QStringLiteral("graphFocus"));
    QAction *why = menu->addAction(tr("&Why Is This Here?"), this, [this, state, groups] {
        // A package: the chain to one of its modules.
        const QStringList members = groups->members(state.environment, state.id);
        m_view->showWhyIncluded(state.environment, members.isEmpty() ? state.id : members.first());
    });
    why->setObjectName(QStringLiteral("graphWhy"));
    return menu;
}

bool ModuleGraphActions::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ContextMenu && watched == m_view->viewport()) {
        auto *e = static_cast<QContextMenuEvent *>(event);
        auto *node = qgraphicsitem_cast<ModuleNodeItem *>(m_view->itemAt(e->pos()));
        if (!node)
            return false;
        if (!node->isSelected())
            select(node);
        QMenu *menu = menuFor(node);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(e->globalPos());
        return true;
    }
    if (event->type() != QEvent::KeyPress || watched != m_view)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_view->zoomBy(1.25);
        return true;
    case Qt::Key_Minus:
        m_view->zoomBy(0.8);
        return true;
    case Qt::Key_0:
    case Qt::Key_F:
        if (key->modifiers() & ~(Qt::ControlModifier | Qt::KeypadModifier))
            return false;
        m_view->fitAll();
        return true;
    case Qt::Key_Up:
        return moveSelection(0, -1) || true;
    case Qt::Key_Down:
        return moveSelection(0, 1) || true;
    case Qt::Key_Left:
        return moveSelection(-1, 0) || true;
    case Qt::Key_Right:
        return moveSelection(1, 0) || true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (ModuleNodeItem *node = selectedNode()) {
            if (node->state().groupSize > 0)
                m_view->setGroupExpanded(node->state().environment, node->state().id, true);
            else
                emit inspectRequested(node->state().environment, node->state().id);
        }
        return true;
    case Qt::Key_Escape:
        m_view->graphScene()->clearChain();
        m_view->clearFocus();
        m_view->graphScene()->clearSelection();
        return true;
    default:
        return false;
    }
}

} // namespace sy
