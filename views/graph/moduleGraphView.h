#pragma once
// The module graph view: pan (drag), zoom (wheel), fit, search by path, the
// filters of ModuleGraphFilterModel, focus on a module and the path query,
// over any model with ModuleGraphModel's roles.
#include <QGraphicsView>

class QAbstractItemModel;

namespace sy {

class ModuleGraphFilterModel;
class ModuleGraphScene;
class ModuleGroupModel;
class ModuleNodeItem;

/// Graphics view owning a filter proxy and a scene over a source model.
class ModuleGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ModuleGraphView(QWidget *parent = nullptr);

    /// Shows `model` (through the view's package groups and filter model).
    void setModel(QAbstractItemModel *model);
    ModuleGraphFilterModel *filterModel() const { return m_filter; }
    /// Package groups between the model and the filter (ModuleGroupModel).
    ModuleGroupModel *groupModel() const { return m_groups; }

    /// Collapses each node_modules package (and pre-bundle) of an
    /// environment into one node, which a click expands (default off).
    void setGroupPackages(bool group);
    /// Expands (or collapses) a package or folder group of an environment;
    /// refits. A click on a group's node expands it.
    void setGroupExpanded(const QString &environment, const QString &groupId, bool expanded);
    /// Collapses the app's modules under `folder` (absolute) into one node
    /// per environment (ModuleGroupModel::setFolderCollapsed), or expands
    /// them again; refits.
    void setFolderCollapsed(const QString &folder, bool collapsed);

    /// The app's root folder: ids are shown relative to it (moduleIdText).
    void setProjectRoot(const QString &root);
    /// The node that shows `id` of `environment`: its own, or its collapsed
    /// package group's; nullptr when neither is in the scene.
    ModuleNodeItem *shownNode(const QString &environment, const QString &id) const;
    ModuleGraphScene *graphScene() const { return m_scene; }

    /// Client, ssr and worker side by side (with twin links), or one graph.
    void setLanes(bool lanes);

    /// Shows one environment ("client", "ssr", "worker") as one graph, or
    /// all of them in lanes when `environment` is empty; refits.
    void showEnvironment(const QString &environment);

    /// Zooms to show the whole graph, with room for the lane titles above
    /// it (ModuleGraphScene::kFitTopPixels); further layouts keep fitting
    /// until the user zooms or pans.
    void fitAll();
    void zoomBy(qreal factor);

    /// Selects and centres the first module matching `text` (see
    /// ModuleGraphScene::find); false when none matches.
    bool search(const QString &text);
    /// Brings `node` into view: centres on it when it lies outside the
    /// viewport; with `zoomToRead`, also zooms in to at least 100% (a search
    /// match). Either stops following layouts with Fit.
    void revealNode(ModuleNodeItem *node, bool zoomToRead = false);

    /// Shows only `id` of `environment` with its importers and imports up to
    /// `depth` levels; clearFocus() shows everything again.
    void focusOn(const QString &environment, const QString &id, int depth);
    void clearFocus();

    /// "Why is this module in this environment?": the import chain from an
    /// entry to `id` (ids), highlighted in the scene (see
    /// ModuleGraphScene::highlightChain); empty if none (the selection
    /// stays). The chain is searched
    /// in the unfiltered model, so it may run through hidden modules.
    QStringList showWhyIncluded(const QString &environment, const QString &id);
    /// The import chain from `fromId` to `toId`, highlighted in the scene.
    QStringList showImportChain(const QString &environment, const QString &fromId,
                                const QString &toId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    /// A click (no drag) on a package group expands it.
    void mouseReleaseEvent(QMouseEvent *event) override;
    /// Keeps the graph fitted while the user has not zoomed or panned.
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Level of detail for the current zoom: edges and antialiasing only
    /// when nodes are big enough to read.
    void updateDetail();
    /// The fit itself (fitAll without changing m_autoFit).
    void fitNodes();
    void selectChain(const QString &environment, const QStringList &chain);

    ModuleGroupModel *m_groups;
    ModuleGraphFilterModel *m_filter;
    ModuleGraphScene *m_scene;
    bool m_autoFit = true;
    QPoint m_pressedAt;
};

} // namespace sy
