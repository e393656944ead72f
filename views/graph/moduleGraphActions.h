#pragma once
// The module graph's keyboard and context menu. Keys (on the graph view):
// + / - zoom in and out, 0 (or F) fits, the arrow keys move the selection to
// a neighbour (Up: an importer, Down: an import, Left/Right: the nearest
// node beside it), Enter opens the inspector on it (or expands a package or
// folder group), Escape clears the highlighted chain, the focus and the
// selection. A right click on a node offers: copy id (as Vite shows it),
// copy path, open in the user's editor ($VISUAL or $EDITOR, else the
// desktop's handler), focus, why is this here?, expand or collapse its
// package, collapse the folder of an app module into one node (a click on
// that folder's node expands it again).
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QPoint;

namespace sy {

class ModuleGraphView;
class ModuleNodeItem;

/// Installs the keys and the context menu on `view` (not owned; the object
/// lives as its child).
class ModuleGraphActions : public QObject {
    Q_OBJECT
public:
    explicit ModuleGraphActions(ModuleGraphView *view);

    /// The shortcuts as (keys, what they do) rows, translated: what Help >
    /// Keyboard Shortcuts lists.
    static QList<QPair<QString, QString>> shortcutList();

    /// The context menu for `node` (the caller owns and shows it).
    QMenu *menuFor(ModuleNodeItem *node);

    /// The file behind a node's id (a bridged module's ssr file), or "" for
    /// a virtual module or a package group.
    static QString filePathOf(const QString &id);

    /// Moves the selection from the selected node to a neighbour: `dy` -1 an
    /// importer, +1 an import; `dx` -1/+1 the nearest node left/right of it
    /// at about the same height. False when there is none.
    bool moveSelection(int dx, int dy);

signals:
    /// Enter on a module: the dashboard shows the inspector.
    void inspectRequested(const QString &environment, const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ModuleNodeItem *selectedNode() const;
    void select(ModuleNodeItem *node);
    void openInEditor(const QString &path);

    ModuleGraphView *m_view;
};

} // namespace sy
