#pragma once
// One module node in the graph scene: a box with the module's name (a
// framework module's display name, e.g. "rwsdk/__ssr_bridge") and its badges
// (its framework role, optimized dep + browserHash, virtual, "use client",
// "use server", invalidated, stale). Stale nodes are drawn red with a heavy border. A module
// that is not JavaScript (css, json, asset, url, raw, inline, wasm, text,
// data) carries a coloured stripe on its left edge and its type as a tag in
// the top-right corner.
#include <QColor>
#include <QCoreApplication>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace sy {

class ModuleEdgeItem;

/// What a node item shows; filled by the scene from a model row.
struct ModuleNodeState {
    QString environment;
    QString id;
    QString browserHash;  ///< non-empty: an optimized (pre-bundled) dependency
    QString invalidation; ///< "none" | "soft" | "hard"
    QString moduleType;   ///< moduleTypeName ("js", "css", "json", "asset", ...)
    bool isVirtual = false;
    bool useClient = false;
    bool useServer = false;
    bool stale = false;
    /// A framework module (the model's DisplayNameRole / RoleLabelRole): the name
    /// people know it by ("rwsdk/__ssr_bridge") and its role ("SSR bridge",
    /// translated); empty for an ordinary module.
    QString displayName;
    QString roleLabel;
    /// What the directive transform made of it here ("client reference stubs"), or "".
    QString directiveTransform;
    /// A collapsed package group (ModuleGroupModel): how many modules it holds; 0 for a module.
    int groupSize = 0;

    bool invalidated() const { return !invalidation.isEmpty() && invalidation != "none"; }
    bool operator==(const ModuleNodeState &) const = default;
};

/// Graphics item for one module; its position is the box's centre.
class ModuleNodeItem : public QGraphicsItem {
    Q_DECLARE_TR_FUNCTIONS(sy::ModuleNodeItem)
public:
    enum { Type = UserType + 1 };
    static constexpr qreal kWidth = 170;
    static constexpr qreal kHeight = 44;

    explicit ModuleNodeItem(const ModuleNodeState &state);

    const ModuleNodeState &state() const { return m_state; }
    void setState(const ModuleNodeState &state);
    /// moduleKey(environment, id), kept with the item.
    const QString &key() const { return m_key; }
    /// Short label: a package group's or framework module's display name
    /// ("react", "rwsdk/__ssr_bridge", a virtual one without "virtual:"),
    /// else what the scene set (setLabel), else the file name.
    QString label() const
    {
        if (!m_label.isEmpty())
            return m_label;
        if (m_state.displayName.isEmpty())
            return labelOf(m_state.id);
        // A virtual module by its name ("use-client-lookup.js").
        return m_state.displayName.startsWith(QLatin1String("virtual:"))
                   ? m_state.displayName.mid(8)
                   : m_state.displayName;
    }
    /// Sets the label the scene chose (told apart from same-named modules,
    /// see ModuleLabels); empty: label() falls back to the short name.
    void setLabel(const QString &label);
    /// The id as people read it (ModuleIdText: "/src/app/pages/Home.tsx"),
    /// shown first in the tooltip; empty: the id itself.
    void setShownId(const QString &shownId);

    /// Level of detail: at or above this on-screen node width (px) the label
    /// is drawn in the box, at kMinLabelPixels or more; below it the scene
    /// draws labels of the nodes that matter above the nodes
    /// (ModuleGraphScene::drawForeground).
    static constexpr qreal kMinBoxPixels = 60;
    /// The smallest on-screen label height (px) drawn at any zoom.
    static constexpr qreal kMinLabelPixels = 9;
    /// What the last paint drew as this node's label: its on-screen font
    /// height in px (0: no label drawn) and the (elided) text. Painting the
    /// view sets them; readability tests read them.
    qreal drawnLabelPixels() const { return m_drawnLabelPixels; }
    const QString &drawnLabel() const { return m_drawnLabel; }
    /// "What changed": 1 lights the node up (a ring; far out, a fill), 0
    /// ends it; in between it fades (GraphChangeHighlight drives it).
    void setChangeHighlight(qreal strength);
    qreal changeHighlight() const { return m_changed; }
    void noteLabelDrawn(qreal pixels, const QString &text)
    {
        m_drawnLabelPixels = pixels;
        m_drawnLabel = text;
    }
    /// The tooltip: the id, the framework module's role and name, the directive transform.
    QString toolTipText() const;
    /// The short label of a module id (query dropped, last path part).
    static QString labelOf(const QString &id);
    /// Badge texts in drawing order ("STALE" first when stale).
    QStringList badges() const;
    /// The type tag drawn on the node: the module type, empty for "js".
    QString typeTag() const;

    /// Moves the node but leaves its edges where they are (a layout being
    /// applied sets every edge's path itself: following each end would lay
    /// each edge out twice more).
    void setPosLeavingEdges(const QPointF &pos);

    void addEdge(ModuleEdgeItem *edge) { m_edges << edge; }
    void removeEdge(ModuleEdgeItem *edge) { m_edges.removeOne(edge); }
    const QList<ModuleEdgeItem *> &edges() const { return m_edges; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    struct Badge {
        QString text;
        QColor colour;
    };
    QList<Badge> badgeChips() const;
    /// Tells the scene (a ModuleGraphScene) its far-out label may have changed.
    void noteLabelChange() const;

    ModuleNodeState m_state;
    QString m_key;
    QList<ModuleEdgeItem *> m_edges;
    bool m_leavingEdges = false;
    QString m_label;
    QString m_shownId;
    qreal m_drawnLabelPixels = 0;
    qreal m_changed = 0;
    QString m_drawnLabel;
};

/// Fill colour of an environment's nodes and lane.
QColor environmentColor(const QString &environment);
/// Colour of a module type's stripe and tag (grey for unknown types).
QColor moduleTypeColor(const QString &type);

} // namespace sy
